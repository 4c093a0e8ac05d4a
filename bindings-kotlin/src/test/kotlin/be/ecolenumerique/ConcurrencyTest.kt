package be.ecolenumerique

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** The library holds no state: calls from many threads at once give the results of one. */
class ConcurrencyTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    fun `eight threads evaluating at once get the single-threaded results`() {
        val requests = Lang.entries.map { Fixtures.campaign(300, lang = it) }
        val typed = requests.map { evaluate(it) }
        val json = requests.map { ReportJson.parse(evaluateJson(it.toJson())) }
        // The adviser's call: school k with dossier k (one of them names an unknown school).
        val singles = (0 until 12).map { k ->
            DossierRequest(editionRef("EN2021"), requests[0].asOf, Lang.FR,
                requests[0].establishments[k], requests[0].dossiers[k])
        }
        val singleResults = singles.map { evaluateDossier(it) }

        val threads = 8
        val rounds = 12
        val pool = Executors.newFixedThreadPool(threads)
        val start = CountDownLatch(1)
        try {
            val futures = (0 until threads).map { t ->
                pool.submit(Callable {
                    start.await()
                    var checked = 0
                    repeat(rounds) { round ->
                        val i = (t + round) % requests.size
                        when ((t + round) % 3) {
                            0 -> assertEquals(typed[i], evaluate(requests[i]))
                            1 -> assertEquals(json[i], ReportJson.parse(evaluateJson(requests[i].toJson())))
                            else -> singles.indices.forEach { k -> assertEquals(singleResults[k], evaluateDossier(singles[k])) }
                        }
                        checked++
                    }
                    checked
                })
            }
            start.countDown()
            assertEquals(threads * rounds, futures.sumOf { it.get(110, TimeUnit.SECONDS) })
        } finally {
            pool.shutdownNow()
        }
    }
}
