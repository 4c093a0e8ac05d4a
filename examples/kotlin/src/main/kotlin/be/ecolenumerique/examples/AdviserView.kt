// The adviser's view of one school (conseiller Ecole Numérique): where the dossier stands on a
// given day, in French — eligibility with its reasons, the points used and left on the grid,
// the stage, and what remains to be done with its due dates.
//
// Every check, message, number and date comes from the library; this file only chooses what
// to show and how to lay it out.
package be.ecolenumerique.examples

import be.ecolenumerique.Dossier
import be.ecolenumerique.DossierRequest
import be.ecolenumerique.EcoleNumeriqueException
import be.ecolenumerique.EquipmentLine
import be.ecolenumerique.Establishment
import be.ecolenumerique.Implantation
import be.ecolenumerique.Kind
import be.ecolenumerique.Lang
import be.ecolenumerique.Level
import be.ecolenumerique.Offer
import be.ecolenumerique.Region
import be.ecolenumerique.Stage
import be.ecolenumerique.Survey
import be.ecolenumerique.builtinEdition
import be.ecolenumerique.detail
import be.ecolenumerique.editionRef
import be.ecolenumerique.evaluateDossier
import be.ecolenumerique.path
import java.time.LocalDate
import java.time.format.DateTimeFormatter
import java.util.Locale
import kotlin.system.exitProcess

/** How the app names each stage to a school, in French. */
private val stageLabel = mapOf(
    Stage.NOT_DECLARED to "candidature pas encore déclarée",
    Stage.INELIGIBLE to "non éligible",
    Stage.DECLARED to "candidature déclarée",
    Stage.CONTACTED to "premier contact du conseiller",
    Stage.SURVEYED to "enquête préalable réalisée",
    Stage.SPACE_OPENED to "espace de candidature ouvert",
    Stage.CONFIRMED to "dossier confirmé (projet)",
    Stage.ORDERED to "matériel commandé",
    Stage.DELIVERED to "matériel livré",
    Stage.IN_PROJECT to "projet en cours",
    Stage.EVALUATED to "projet évalué",
    Stage.CARRIED_OVER to "reporté à une prochaine édition",
)

private val longDate = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH)

/** `1er juin 2022`, `15 mars 2022`. */
private fun LocalDate.fr(): String = if (dayOfMonth == 1) "1er " + format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH)) else format(longDate)

/** The school the adviser follows, as the app would hold it. */
private val school = Establishment(
    fase = 3141,
    name = "Ecole communale de Jambes",
    offers = listOf(Offer(Level.MATERNEL, Kind.ORDINAIRE), Offer(Level.PRIMAIRE, Kind.ORDINAIRE)),
    implantations = listOf(Implantation(3142, Region.WALLONIA), Implantation(3143, Region.WALLONIA)),
)

/** Its dossier: surveyed, space opened, equipment chosen, the CEN has approved, not yet the expert. */
private val dossier = Dossier(
    id = "NA-JAMBES-1",
    establishment = 3141,
    declaredOn = LocalDate.of(2021, 10, 18),
    firstContactOn = LocalDate.of(2021, 10, 29),
    survey = Survey(
        referent = "M. Lambert",
        connectivityAssessed = true,
        infrastructureAssessed = true,
        worksNeeded = true,
        poContacted = true,
        meansCommitted = true,
        completedOn = LocalDate.of(2021, 11, 24),
    ),
    spaceOpenedOn = LocalDate.of(2021, 12, 2),
    equipment = listOf(
        EquipmentLine("tablet-android", 16),
        EquipmentLine("interactive-board", 1),
        EquipmentLine("microbit-set", 2),
        EquipmentLine("wifi-access-point", 3),
    ),
    extra = listOf(EquipmentLine("tablet-android", 4)),
    cenApprovedOn = LocalDate.of(2022, 2, 14),
)

fun main(args: Array<String>) {
    val asOf = args.firstOrNull()?.let(LocalDate::parse) ?: LocalDate.of(2022, 3, 15)
    val edition = builtinEdition("EN2021")
    val result = try {
        evaluateDossier(DossierRequest(editionRef(edition.id), asOf, Lang.FR, school, dossier))
    } catch (e: EcoleNumeriqueException) {
        // The detail is the library's own text (in English); the path names the field.
        val where = if (e.path.isEmpty()) "" else " (champ ${e.path})"
        System.err.println("Demande refusée$where : ${e.detail}")
        exitProcess(1)
    }
    val report = result.report

    println("Vue du conseiller — ${school.name} (FASE ${school.fase})")
    println("Dossier ${report.id} · édition ${report.edition} · situation au ${asOf.fr()}")
    println("Date limite de l'édition : ${report.deadline.fr()}")
    if (report.carriedOverFrom.isNotEmpty()) println("Reporté depuis : ${report.carriedOverFrom.joinToString()}")
    report.carriedOverTo?.let { println("En attente de l'édition : $it") }
    println()

    println("Étape : ${stageLabel.getValue(report.stage)}")
    println("Éligibilité : ${if (report.eligible) "éligible" else "non éligible"}")
    for (check in report.checks) {
        val mark = when {
            check.passed -> "✔"
            check.blocking -> "✘"
            else -> "!"
        }
        println("  $mark ${check.message}")
        if (!check.passed) println("      règle ${check.rule} — source : ${check.source}")
    }
    println()

    val points = report.points
    println("Points : ${points.total} utilisés sur ${points.max}, il en reste ${points.remaining}")
    for (line in points.lines) {
        println("  %-20s × %3d  →  %2d point(s)  (lot %s)".format(line.item, line.quantity, line.points, line.lot ?: "inconnu"))
    }
    for (line in points.extra) {
        println("  %-20s × %3d  →  hors points (achat complémentaire au prix SPW)".format(line.item, line.quantity))
    }
    println("Grille ${edition.id} (points par article) :")
    println(edition.grid.lines.joinToString(", ", prefix = "  ") { "${it.id} ${it.points}" })
    println()

    println("Prochaines actions :")
    if (report.nextActions.isEmpty()) println("  (aucune)")
    for (action in report.nextActions) {
        println("  • ${action.message}")
        action.due?.let { println("      échéance : ${it.fr()}") }
    }
    println()
    println("Empreinte des règles : ${result.fingerprint.take(16)}…")
}
