package be.ecolenumerique

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.node.ArrayNode
import com.fasterxml.jackson.databind.node.ObjectNode
import java.time.LocalDate

/**
 * Writes a typed report back to the JSON of SPEC §9 in Kotlin, field by field, without calling
 * Rust: comparing it with a conformance vector checks that every value reached the Kotlin
 * records intact.
 */
object ReportJson {
    val mapper = ObjectMapper()

    fun parse(text: String): JsonNode = mapper.readTree(text)

    /** The wire name of an enum constant: `IN_PROJECT` is `in_project`, `FR` is `fr`. */
    fun wire(value: Enum<*>): String = value.name.lowercase()

    private fun date(d: LocalDate?): JsonNode =
        if (d == null) mapper.nullNode() else mapper.nodeFactory.textNode(d.toString())

    private fun strings(values: List<String>): ArrayNode =
        mapper.createArrayNode().apply { values.forEach { add(it) } }

    /**
     * Normalises a built tree as the parser would read it (a `Long` written here is an `int`
     * node once parsed), so that trees compare with `==`.
     */
    fun normal(node: JsonNode): JsonNode = mapper.readTree(mapper.writeValueAsString(node))

    /** The first place where two trees differ, as a JSON pointer with both values; null if equal. */
    fun firstDifference(expected: JsonNode, actual: JsonNode, at: String = ""): String? {
        if (expected == actual) return null
        if (expected.isObject && actual.isObject) {
            val names = (expected.fieldNames().asSequence() + actual.fieldNames().asSequence()).toSortedSet()
            for (name in names) {
                val e = expected.get(name)
                val a = actual.get(name)
                if (e == null || a == null) return "$at/$name: expected ${e ?: "(absent)"}, actual ${a ?: "(absent)"}"
                firstDifference(e, a, "$at/$name")?.let { return it }
            }
        }
        if (expected.isArray && actual.isArray) {
            for (i in 0 until minOf(expected.size(), actual.size())) {
                firstDifference(expected[i], actual[i], "$at/$i")?.let { return it }
            }
            return "$at: expected ${expected.size()} items, actual ${actual.size()}"
        }
        return "${at.ifEmpty { "/" }}: expected $expected, actual $actual"
    }

    fun campaign(r: CampaignReport): JsonNode = normal(campaignTree(r))

    private fun campaignTree(r: CampaignReport): ObjectNode = mapper.createObjectNode().apply {
        put("edition", r.edition)
        set<JsonNode>("as_of", date(r.asOf))
        put("lang", wire(r.lang))
        put("library_version", r.libraryVersion)
        put("fingerprint", r.fingerprint)
        set<JsonNode>("dossiers", mapper.createArrayNode().apply { r.dossiers.forEach { add(dossier(it)) } })
        set<JsonNode>("waves", mapper.createArrayNode().apply {
            r.waves.forEach { w ->
                add(mapper.createObjectNode().apply {
                    put("id", w.id)
                    set<JsonNode>("order_on", date(w.orderOn))
                    set<JsonNode>("projects", strings(w.projects))
                    set<JsonNode>("lines", mapper.createArrayNode().apply {
                        w.lines.forEach { l ->
                            add(mapper.createObjectNode().put("item", l.item).put("lot", l.lot).put("quantity", l.quantity))
                        }
                    })
                })
            }
        })
        set<JsonNode>("unscheduled", strings(r.unscheduled))
    }

    private fun dossier(d: DossierReport): ObjectNode = mapper.createObjectNode().apply {
        put("id", d.id)
        put("establishment", d.establishment)
        put("edition", d.edition)
        set<JsonNode>("deadline", date(d.deadline))
        put("eligible", d.eligible)
        put("stage", wire(d.stage))
        set<JsonNode>("checks", mapper.createArrayNode().apply {
            d.checks.forEach { c ->
                add(mapper.createObjectNode().put("rule", c.rule).put("passed", c.passed)
                    .put("blocking", c.blocking).put("message", c.message).put("source", c.source))
            }
        })
        set<JsonNode>("points", mapper.createObjectNode().apply {
            put("total", d.points.total)
            put("max", d.points.max)
            put("remaining", d.points.remaining)
            set<JsonNode>("lines", pointsLines(d.points.lines))
            set<JsonNode>("extra", pointsLines(d.points.extra))
        })
        set<JsonNode>("carried_over_from", strings(d.carriedOverFrom))
        put("carried_over_to", d.carriedOverTo)
        put("wave", d.wave)
        set<JsonNode>("commitment_ends_on", date(d.commitmentEndsOn))
        set<JsonNode>("next_actions", mapper.createArrayNode().apply {
            d.nextActions.forEach { a ->
                add(mapper.createObjectNode().put("rule", a.rule).put("message", a.message)
                    .set<JsonNode>("due", date(a.due)))
            }
        })
    }

    private fun pointsLines(lines: List<PointsLine>): ArrayNode = mapper.createArrayNode().apply {
        lines.forEach { l ->
            add(mapper.createObjectNode().put("item", l.item).put("lot", l.lot)
                .put("quantity", l.quantity).put("points", l.points))
        }
    }

    /** The single-dossier report as JSON: the dossier's fields and the fingerprint. */
    fun single(s: SingleReport): JsonNode = normal(dossier(s.report).put("fingerprint", s.fingerprint))
}
