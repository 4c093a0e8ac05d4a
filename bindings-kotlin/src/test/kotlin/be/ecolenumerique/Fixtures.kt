package be.ecolenumerique

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.time.LocalDate

/** Test data: a few schools and dossiers along the process, and large campaigns. */
object Fixtures {
    val conformanceDir: Path =
        Paths.get(System.getProperty("conformance.dir") ?: "../tests/conformance").toAbsolutePath().normalize()

    /** The vector pairs `NAME.request.json` / `NAME.expected.json`, by name. */
    fun conformancePairs(): List<Triple<String, Path, Path>> {
        if (!Files.isDirectory(conformanceDir)) return emptyList()
        return Files.list(conformanceDir).use { files ->
            files.map { it.fileName.toString() }
                .filter { it.endsWith(".request.json") }
                .sorted()
                .toList()
                .map { name ->
                    val stem = name.removeSuffix(".request.json")
                    Triple(stem, conformanceDir.resolve(name), conformanceDir.resolve("$stem.expected.json"))
                }
                .filter { Files.exists(it.third) }
        }
    }

    fun d(text: String): LocalDate = LocalDate.parse(text)

    fun school(fase: Long, name: String = "Ecole $fase"): Establishment = Establishment(
        fase = fase,
        name = name,
        offers = listOf(Offer(Level.PRIMAIRE, Kind.ORDINAIRE)),
        implantations = listOf(Implantation(fase + 1, Region.WALLONIA)),
    )

    /** A dossier signed in EN 2021's time, with a complete survey and 36 points of equipment. */
    fun confirmedDossier(id: String, fase: Long): Dossier = Dossier(
        id = id,
        establishment = fase,
        declaredOn = d("2021-10-12"),
        firstContactOn = d("2021-10-20"),
        survey = Survey(
            referent = "Mme Dubois",
            connectivityAssessed = true,
            infrastructureAssessed = true,
            bandwidthSufficient = true,
            completedOn = d("2021-11-15"),
        ),
        spaceOpenedOn = d("2021-11-20"),
        equipment = listOf(EquipmentLine("tablet-android", 24), EquipmentLine("interactive-board", 1)),
        cenApprovedOn = d("2022-01-10"),
        expertApprovedOn = d("2022-01-12"),
        signedOn = d("2022-01-20"),
        signedBy = listOf(Signer.DIRECTION),
    )

    /**
     * A campaign of [n] dossiers, one school each, at varied points of the process: not
     * declared, declared, surveyed, confirmed, and a few with faults (unknown item, unknown
     * school).
     */
    fun campaign(n: Int, asOf: LocalDate = d("2022-03-01"), lang: Lang = Lang.FR, waves: List<Wave>? = null): CampaignRequest {
        val schools = ArrayList<Establishment>(n)
        val dossiers = ArrayList<Dossier>(n)
        for (i in 0 until n) {
            val fase = 10_000L + 2L * i
            schools += school(fase)
            val full = confirmedDossier("D-%06d".format(i), fase)
            dossiers += when (i % 6) {
                0 -> full
                1 -> Dossier(id = full.id, establishment = fase, declaredOn = d("2021-11-02"))
                2 -> full.copy(signedOn = null, signedBy = emptyList(), cenApprovedOn = null, expertApprovedOn = null)
                3 -> full.copy(equipment = listOf(EquipmentLine("macbook", 5), EquipmentLine("unknown-item", 2)))
                4 -> full.copy(establishment = 1L) // no such school: reported in the dossier's checks
                else -> Dossier(id = full.id, establishment = fase)
            }
        }
        return CampaignRequest(
            edition = editionRef("EN2021"), asOf = asOf, lang = lang,
            establishments = schools, dossiers = dossiers, waves = waves,
        )
    }
}
