package be.ecolenumerique

import be.ecolenumerique.Fixtures.confirmedDossier
import be.ecolenumerique.Fixtures.d
import be.ecolenumerique.Fixtures.school
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** The adviser's entry point gives what a one-dossier campaign gives. */
class DossierTest {
    @Test
    fun `evaluateDossier equals the campaign's report of the same dossier`() {
        for (lang in Lang.entries) {
            for (dossier in listOf(
                confirmedDossier("A", 1001),
                Dossier(id = "B", establishment = 1001, declaredOn = d("2021-11-02")),
                Dossier(id = "C", establishment = 1001),
            )) {
                val single = evaluateDossier(DossierRequest(editionRef("EN2021"), d("2022-03-01"), lang, school(1001), dossier))
                val campaign = evaluate(CampaignRequest(editionRef("EN2021"), d("2022-03-01"), lang,
                    establishments = listOf(school(1001)), dossiers = listOf(dossier)))
                assertEquals(campaign.dossiers.single(), single.report)
                assertEquals(campaign.fingerprint, single.fingerprint)
                assertEquals(ReportJson.single(single), ReportJson.parse(single.toJson()))
            }
        }
    }

    @Test
    fun `a confirmed dossier is at stage CONFIRMED with its points`() {
        val single = evaluateDossier(DossierRequest(editionRef("EN2021"), d("2022-03-01"), Lang.FR,
            school(1001), confirmedDossier("A", 1001)))
        assertEquals(Stage.CONFIRMED, single.report.stage)
        assertEquals(Triple(36L, 50L, 14L), Triple(single.report.points.total, single.report.points.max, single.report.points.remaining))
        assertEquals(true, single.report.eligible)
    }
}
