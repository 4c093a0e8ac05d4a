// The speed measurement of the Kotlin bindings (not a test: no timing is asserted anywhere).
//
//   mvn -B -q test-compile exec:java@bench                       # 10,000 dossiers, 10 rounds
//   mvn -B -q test-compile exec:java@bench -Dexec.args="50000 5"
//
// Measures a campaign of N dossiers (Fixtures.campaign: six kinds of dossier, from not declared
// to confirmed, a few with faults) through the typed API and through evaluateJson, after
// warming the JVM up; prints the median and the best round of each.
package be.ecolenumerique

import kotlin.system.measureNanoTime

private fun summary(label: String, n: Int, nanos: List<Long>): String {
    val sorted = nanos.sorted()
    val median = sorted[sorted.size / 2] / 1e6
    val best = sorted.first() / 1e6
    return "%-36s median %8.1f ms   best %8.1f ms   (%,.0f dossiers/s at the median)".format(label, median, best, n / (median / 1e3))
}

fun main(args: Array<String>) {
    val n = args.getOrNull(0)?.toInt() ?: 10_000
    val rounds = args.getOrNull(1)?.toInt() ?: 10
    val request = Fixtures.campaign(n)
    val json = request.toJson()
    println("campaign of $n dossiers; request JSON ${json.length / 1024} KiB; library ${libraryVersion()}")

    // Warm-up: let the JIT compile the generated converters and JNA's paths.
    val warmUp = Fixtures.campaign(maxOf(1, n / 10))
    val warmJson = warmUp.toJson()
    repeat(15) { evaluate(warmUp); evaluateJson(warmJson) }
    repeat(2) { evaluate(request); evaluateJson(json) }

    var reports = 0
    val typed = List(rounds) { measureNanoTime { reports += evaluate(request).dossiers.size } }
    var bytes = 0L
    val viaJson = List(rounds) { measureNanoTime { bytes += evaluateJson(json).length } }
    // For reference: evaluateJson with the request already written, the report left as text.
    println(summary("typed API  evaluate(request)", n, typed))
    println(summary("JSON       evaluateJson(text)", n, viaJson))
    println("(${reports / rounds} reports per typed round; ${bytes / rounds / 1024} KiB of report JSON per round)")
}
