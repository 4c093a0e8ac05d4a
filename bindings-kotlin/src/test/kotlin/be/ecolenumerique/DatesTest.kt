package be.ecolenumerique

import be.ecolenumerique.Fixtures.confirmedDossier
import be.ecolenumerique.Fixtures.d
import be.ecolenumerique.Fixtures.school
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.LocalDate

/** Civil dates cross as `java.time.LocalDate`, boundaries included. */
class DatesTest {
    private val boundaries = listOf(
        LocalDate.of(2021, 12, 31), LocalDate.of(2022, 1, 1),
        LocalDate.of(2024, 2, 29), LocalDate.of(2024, 2, 28), LocalDate.of(2024, 3, 1),
        LocalDate.of(2000, 2, 29), LocalDate.of(1999, 12, 31),
    )

    @Test
    fun `every boundary date makes the round trip through Rust unchanged`() {
        for (date in boundaries) {
            val request = CampaignRequest(
                edition = editionRef("EN2021"), asOf = date, lang = Lang.FR,
                establishments = listOf(school(7)),
                dossiers = listOf(Dossier(id = "A", establishment = 7, declaredOn = date, signedOn = date,
                    survey = Survey(completedOn = date), reception = Reception(visitedOn = date))),
                waves = listOf(Wave(id = "W", orderOn = date)),
            )
            assertEquals(request, parseRequest(request.toJson()), "$date")
            assertEquals(date, evaluate(request).asOf, "$date")
        }
    }

    @Test
    fun `a window closing on 31 December takes a declaration on that day, not the day after`() {
        val en2021 = builtinEdition("EN2021")
        val yearEnd = en2021.copy(
            id = "YEAR-END",
            next = null,
            declaration = Window(opens = d("2021-12-01"), closes = d("2021-12-31")),
            dossierDeadline = d("2022-02-28"),
        )
        fun window(declaredOn: LocalDate): Check {
            val report = evaluate(CampaignRequest(
                edition = editionRef(yearEnd), asOf = d("2022-01-15"), lang = Lang.EN,
                establishments = listOf(school(7)),
                dossiers = listOf(Dossier(id = "A", establishment = 7, declaredOn = declaredOn)),
            ))
            assertEquals("YEAR-END", report.dossiers[0].edition)
            assertEquals(d("2022-02-28"), report.dossiers[0].deadline)
            return report.dossiers[0].checks.single { it.rule == "eligibility.declaration_window" }
        }
        assertTrue(window(d("2021-12-31")).passed)
        assertFalse(window(d("2022-01-01")).passed)
        assertTrue(window(d("2021-12-01")).passed)
        assertFalse(window(d("2021-11-30")).passed)
    }

    @Test
    fun `a reception on 29 February 2024 ends the commitment on 28 February 2027`() {
        val dossier = confirmedDossier("CH-1", 5001).copy(
            delivery = Delivery(deliveredOn = d("2024-02-26"), noteSigned = true, boxesNoted = true),
            reception = Reception(appointmentOn = d("2024-02-29"), visitedOn = d("2024-02-29"),
                teamMemberPresent = true, equipmentAccessible = true),
        )
        val single = evaluateDossier(DossierRequest(
            edition = editionRef("EN2021"), asOf = d("2024-02-29"), lang = Lang.FR,
            establishment = school(5001), dossier = dossier,
        ))
        assertEquals(Stage.IN_PROJECT, single.report.stage)
        assertEquals(LocalDate.of(2027, 2, 28), single.report.commitmentEndsOn)
        // The commitment's next action is due that day too.
        assertEquals(LocalDate.of(2027, 2, 28), single.report.nextActions.single { it.rule == "commitment.use" }.due)
    }

    @Test
    fun `instants take their civil date in Brussels, summer and winter`() {
        assertEquals(d("2021-12-18"), java.time.Instant.parse("2021-12-17T23:30:00Z").toBrusselsDate())
        assertEquals(d("2021-12-17"), java.time.Instant.parse("2021-12-17T22:59:59Z").toBrusselsDate())
        assertEquals(d("2022-06-01"), java.time.Instant.parse("2022-05-31T22:30:00Z").toBrusselsDate())
        assertEquals(d("2022-05-31"), java.time.Instant.parse("2022-05-31T21:59:59.999Z").toBrusselsDate())
        assertEquals(d("2022-06-01"), java.time.OffsetDateTime.parse("2022-05-31T18:30:00-04:00").toBrusselsDate())
        assertEquals(d("1970-01-01"), java.time.Instant.parse("1969-12-31T23:30:00Z").toBrusselsDate())
    }

    @Test
    fun `a LocalDate Rust cannot hold is an InvalidRequest, and the JVM goes on`() {
        val request = CampaignRequest(edition = editionRef("EN2021"), asOf = LocalDate.of(300_000, 1, 1), lang = Lang.FR)
        val thrown = assertThrows<EcoleNumeriqueException.InvalidRequest> { evaluate(request) }
        assertTrue("+300000-01-01" in thrown.detail, thrown.detail)
        assertThrows<EcoleNumeriqueException.InvalidRequest> {
            builtinEdition("EN2021").copy(dossierDeadline = LocalDate.of(-300_000, 1, 1)).fingerprint()
        }
        assertEquals(LocalDate.of(2022, 1, 1), evaluate(request.copy(asOf = LocalDate.of(2022, 1, 1))).asOf)
    }
}
