package be.ecolenumerique

import com.fasterxml.jackson.databind.JsonNode
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.DynamicContainer
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import java.nio.file.Files

/**
 * Every pair of `tests/conformance/` through `evaluateJson` and through the typed API
 * (`parseRequest` into the records, `evaluate`, the report written back to JSON in Kotlin).
 * Reports compare as parsed JSON values, exactly; errors by exception class and path.
 */
class ConformanceTest {
    private val pairs = Fixtures.conformancePairs()

    @Test
    fun `the conformance folder holds pairs, and only whole pairs`() {
        assertTrue(pairs.isNotEmpty(), "no NAME.request.json / NAME.expected.json pair in ${Fixtures.conformanceDir}")
        val names = Files.list(Fixtures.conformanceDir).use { files -> files.map { it.fileName.toString() }.toList() }
        val requests = names.filter { it.endsWith(".request.json") }.map { it.removeSuffix(".request.json") }.toSet()
        val expected = names.filter { it.endsWith(".expected.json") }.map { it.removeSuffix(".expected.json") }.toSet()
        assertEquals(requests, expected, "every request needs its expected report, and every expected report its request")
    }

    @TestFactory
    fun conformance(): List<DynamicContainer> = pairs.map { (name, requestFile, expectedFile) ->
        val request = Files.readString(requestFile)
        val expected = ReportJson.parse(Files.readString(expectedFile))
        DynamicContainer.dynamicContainer(name, listOf(
            DynamicTest.dynamicTest("evaluateJson") {
                check(expected, name) { ReportJson.parse(evaluateJson(request)) }
            },
            DynamicTest.dynamicTest("typed API") {
                check(expected, name) {
                    val report = evaluate(parseRequest(request))
                    val written = ReportJson.parse(report.toJson())
                    val kotlin = ReportJson.campaign(report)
                    ReportJson.firstDifference(written, kotlin)?.let {
                        fail<Unit>("$name: the Kotlin records and Rust's JSON of them differ at $it")
                    }
                    kotlin
                }
            },
        ))
    }

    private fun check(expected: JsonNode, name: String, run: () -> JsonNode) {
        val error = expected.get("error")
        if (error == null) {
            val actual = try {
                run()
            } catch (e: EcoleNumeriqueException) {
                fail<Nothing>("$name: expected a report, got ${e.kind} at `${e.path}`: ${e.detail}", e)
            }
            ReportJson.firstDifference(expected, actual)?.let { fail<Unit>("$name: report differs at $it") }
        } else {
            val kind = error.get("kind").asText()
            val path = error.get("path").asText()
            try {
                run()
                fail<Unit>("$name: expected $kind at `$path`, got a report")
            } catch (e: EcoleNumeriqueException) {
                val expectedClass = when (kind) {
                    "invalid_request" -> EcoleNumeriqueException.InvalidRequest::class
                    "unknown_edition" -> EcoleNumeriqueException.UnknownEdition::class
                    "invalid_edition" -> EcoleNumeriqueException.InvalidEdition::class
                    else -> fail("$name: unknown error kind `$kind` in the vector")
                }
                assertEquals(expectedClass, e::class, "$name: exception class (${e.message})")
                assertEquals(kind, e.kind, name)
                assertEquals(path, e.path, "$name: path (${e.detail})")
            }
        }
    }
}
