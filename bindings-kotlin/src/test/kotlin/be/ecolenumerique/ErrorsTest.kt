package be.ecolenumerique

import be.ecolenumerique.Fixtures.confirmedDossier
import be.ecolenumerique.Fixtures.d
import be.ecolenumerique.Fixtures.school
import java.time.LocalDate
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Each exception of the family, with its path, through the JSON and the typed API; a Rust
 * panic is an exception too.
 */
class ErrorsTest {
    private fun request(vararg dossiers: Dossier) = CampaignRequest(
        edition = editionRef("EN2021"), asOf = d("2022-03-01"), lang = Lang.EN,
        establishments = listOf(school(1001)), dossiers = dossiers.toList(),
    )

    @Test
    fun `malformed JSON is an InvalidRequest of the whole document`() {
        val e = assertThrows<EcoleNumeriqueException.InvalidRequest> { evaluateJson("{") }
        assertEquals("", e.path)
        assertEquals("invalid_request", e.kind)
        assertTrue(e.detail.isNotBlank())
    }

    @Test
    fun `an impossible date is an InvalidRequest at its field`() {
        val json = """{"edition": "EN2021", "as_of": "2022-03-01",
            "dossiers": [{"id": "A", "establishment": 1, "signed_on": "2022-02-30"}]}"""
        val e = assertThrows<EcoleNumeriqueException.InvalidRequest> { evaluateJson(json) }
        assertEquals("dossiers[0].signed_on", e.path)
        assertThrows<EcoleNumeriqueException.InvalidRequest> { parseRequest(json) }.also {
            assertEquals("dossiers[0].signed_on", it.path)
        }
    }

    @Test
    fun `any Long is a FASE number, and a dossier naming no establishment fails its check`() {
        val school = school(1001).copy(implantations = listOf(Implantation(-1, Region.WALLONIA)))
        val typed = request(
            Dossier(id = "A", establishment = 1001, implantations = listOf(-1, 4_294_967_296)),
            Dossier(id = "B", establishment = -5),
            Dossier(id = "C", establishment = 4_294_967_296),
        ).copy(establishments = listOf(school))
        val report = evaluate(typed)
        assertEquals(report, parseReport(evaluateJson(typed.toJson())))
        val (a, b, c) = report.dossiers
        assertEquals(true, a.checks.single { it.rule == "eligibility.region" }.passed)
        for ((dossier, fase) in listOf(b to -5L, c to 4_294_967_296L)) {
            assertEquals(fase, dossier.establishment)
            assertEquals(Stage.INELIGIBLE, dossier.stage)
            val check = dossier.checks.single { it.rule == "dossier.establishment" }
            assertEquals(false, check.passed)
            assertTrue("FASE $fase " in check.message, check.message)
        }
        val single = evaluateDossier(DossierRequest(editionRef("EN2021"), d("2022-03-01"), Lang.EN, school(1001),
            Dossier(id = "A", establishment = -1)))
        assertEquals(Stage.INELIGIBLE, single.report.stage)
    }

    @Test
    fun `duplicate dossier ids are an InvalidRequest from core, the same in JSON and typed`() {
        val typed = request(Dossier(id = "A", establishment = 1001), Dossier(id = "A", establishment = 1001))
        val e = assertThrows<EcoleNumeriqueException.InvalidRequest> { evaluate(typed) }
        val j = assertThrows<EcoleNumeriqueException.InvalidRequest> { evaluateJson(typed.toJson()) }
        assertEquals("dossiers[1].id", e.path)
        assertEquals(j.path, e.path)
    }

    @Test
    fun `a date YYYY-MM-DD cannot write is an InvalidRequest at its field, typed as in JSON`() {
        for ((date, refused) in listOf(
            LocalDate.of(9999, 12, 31) to false, LocalDate.of(10000, 1, 1) to true, LocalDate.of(-1, 12, 31) to true,
        )) {
            val typed = request(confirmedDossier("A", 1001).copy(signedOn = date))
            if (!refused) {
                evaluate(typed)
                continue
            }
            val e = assertThrows<EcoleNumeriqueException.InvalidRequest> { evaluate(typed) }
            val j = assertThrows<EcoleNumeriqueException.InvalidRequest> { evaluateJson(typed.toJson()) }
            assertEquals("dossiers[0].signed_on", e.path, "$date")
            assertEquals(j.path, e.path, "$date")
        }
    }

    @Test
    fun `an unknown edition is an UnknownEdition with its path and id`() {
        val e = assertThrows<EcoleNumeriqueException.UnknownEdition> {
            evaluate(request().copy(edition = editionRef("EN1999")))
        }
        assertEquals("edition", e.path)
        assertEquals("EN1999", e.id)
        assertEquals("unknown_edition", e.kind)

        val e2 = assertThrows<EcoleNumeriqueException.UnknownEdition> {
            evaluate(request(confirmedDossier("A", 1001).copy(edition = "EN1999")))
        }
        assertEquals("dossiers[0].edition", e2.path)

        val e3 = assertThrows<EcoleNumeriqueException.UnknownEdition> { builtinEdition("EN1999") }
        assertEquals("EN1999", e3.id)
    }

    @Test
    fun `an edition that does not hold together is an InvalidEdition at its field`() {
        val en2021 = builtinEdition("EN2021")
        val zero = en2021.copy(grid = en2021.grid.copy(maxPoints = 0))
        val e = assertThrows<EcoleNumeriqueException.InvalidEdition> { evaluate(request().copy(edition = editionRef(zero))) }
        assertEquals("edition.grid.max_points", e.path)
        assertEquals("invalid_edition", e.kind)

        // Out of range for core: refused by the binding's conversion, same family, same path.
        val negative = en2021.copy(grid = en2021.grid.copy(maxPoints = -1))
        val e2 = assertThrows<EcoleNumeriqueException.InvalidEdition> { evaluate(request().copy(edition = editionRef(negative))) }
        assertEquals("edition.grid.max_points", e2.path)

        val extra = en2021.copy(id = "EN2022", next = null, commitmentYears = -3)
        val e3 = assertThrows<EcoleNumeriqueException.InvalidEdition> { evaluate(request().copy(editions = listOf(extra))) }
        assertEquals("editions[0].commitment_years", e3.path)

        val closes = en2021.copy(id = "EN2022", next = null,
            declaration = Window(opens = d("2022-10-01"), closes = d("2022-09-30")))
        val e4 = assertThrows<EcoleNumeriqueException.InvalidEdition> { evaluate(request().copy(editions = listOf(closes))) }
        assertEquals("editions[0].declaration.closes", e4.path)

        val e5 = assertThrows<EcoleNumeriqueException.InvalidEdition> { zero.fingerprint() }
        assertEquals("grid.max_points", e5.path)

        assertThrows<EcoleNumeriqueException.InvalidEdition> { editionFromJson("""{"id": "X"}""") }
    }

    @Test
    fun `a panic in Rust is an Internal exception and the JVM goes on`() {
        System.err.println("ErrorsTest: the Rust panic \"boom\" printed next is expected.")
        val e = assertThrows<EcoleNumeriqueException.Internal> { panicForTests("boom") }
        assertEquals("boom", e.detail)
        assertEquals("internal", e.kind)
        assertEquals("", e.path)
        // The library is still usable after it.
        assertEquals("EN2021", evaluate(request()).edition)
    }

    @Test
    fun `every exception is a kotlin Exception whose message names the path`() {
        val e: Exception = assertThrows<EcoleNumeriqueException> {
            evaluate(request(Dossier(id = "A", establishment = 1001, signedOn = LocalDate.of(10_000, 1, 1))))
        }
        assertTrue("dossiers[0].signed_on" in (e.message ?: ""), e.message)
    }
}
