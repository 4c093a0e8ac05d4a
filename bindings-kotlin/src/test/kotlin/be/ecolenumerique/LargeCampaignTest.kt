package be.ecolenumerique

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** A campaign of 50,000 dossiers through the typed API, in request order, none dropped. */
class LargeCampaignTest {
    @Test
    fun `a 50,000-dossier campaign reports every dossier in request order`() {
        val n = 50_000
        val request = Fixtures.campaign(n)
        val report = evaluate(request)
        assertEquals(n, report.dossiers.size)
        request.dossiers.zip(report.dossiers).forEach { (d, r) -> assertEquals(d.id, r.id) }

        // The fixture repeats six kinds of dossier: each repeats the stage and points of the
        // first six, as a small campaign of the same dossiers gives them.
        val small = evaluate(Fixtures.campaign(6))
        report.dossiers.forEachIndexed { i, r ->
            val model = small.dossiers[i % 6]
            assertEquals(model.stage, r.stage, r.id)
            assertEquals(model.eligible, r.eligible, r.id)
            assertEquals(model.points, r.points, r.id)
            assertEquals(model.nextActions.map { it.rule to it.due }, r.nextActions.map { it.rule to it.due }, r.id)
        }
    }
}
