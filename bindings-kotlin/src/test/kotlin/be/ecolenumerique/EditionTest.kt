package be.ecolenumerique

import be.ecolenumerique.Fixtures.d
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The built-in edition, its key dates and grid lines, as core gives them. */
class EditionTest {
    private val en2021 = builtinEdition("EN2021")

    @Test
    fun `EN2021 is built in, with the key dates and grid of the seed`() {
        assertTrue("EN2021" in builtinEditionIds())
        assertEquals(2021, en2021.year)
        assertEquals(d("2021-10-01"), en2021.declaration.opens)
        assertEquals(d("2021-12-17"), en2021.declaration.closes)
        assertEquals(d("2022-06-01"), en2021.dossierDeadline)
        assertEquals(d("2022-06-01"), en2021.lastDayToConfirm())
        assertEquals("EN2022", en2021.next)
        assertEquals(50L, en2021.grid.maxPoints)
        assertEquals(14, en2021.grid.lines.size)
        assertEquals(12L, en2021.grid.lines.single { it.id == "interactive-board" }.points)
        assertEquals(listOf(Region.WALLONIA), en2021.regions)
        assertTrue(Offer(Level.SECONDAIRE, Kind.PROMOTION_SOCIALE) in en2021.eligibleOffers)
        assertTrue(en2021.grid.lines.all { it.provenance == Provenance.ASSUMED })
    }

    @Test
    fun `an edition exclusive of its deadline confirms until the day before`() {
        assertEquals(d("2022-05-31"), en2021.copy(deadlineInclusive = false).lastDayToConfirm())
    }

    @Test
    fun `the edition document round-trips through JSON`() {
        assertEquals(en2021, editionFromJson(en2021.toJson()))
    }

    @Test
    fun `the edition's fingerprint is the one a campaign using it alone reports`() {
        val report = evaluate(CampaignRequest(editionRef("EN2021"), d("2022-01-10"), Lang.FR))
        assertEquals(report.fingerprint, en2021.fingerprint())
        assertEquals(64, report.fingerprint.length)
        // A changed value changes it.
        assertTrue(en2021.fingerprint() != en2021.copy(commitmentYears = 4).fingerprint())
    }
}
