// The thin idiomatic layer over the generated bindings: accessors that every exception of the
// family shares, and short constructors. No rule, no value of the rules: those are in core.
package be.ecolenumerique

/**
 * The place of the bad input, e.g. `dossiers[3].signed_on` (empty for the document as a
 * whole, and for [EcoleNumeriqueException.Internal]).
 */
val EcoleNumeriqueException.path: String
    get() = when (this) {
        is EcoleNumeriqueException.InvalidRequest -> path
        is EcoleNumeriqueException.UnknownEdition -> path
        is EcoleNumeriqueException.InvalidEdition -> path
        is EcoleNumeriqueException.Internal -> ""
    }

/** What is wrong, for a person, without the path. */
val EcoleNumeriqueException.detail: String
    get() = when (this) {
        is EcoleNumeriqueException.InvalidRequest -> detail
        is EcoleNumeriqueException.UnknownEdition -> detail
        is EcoleNumeriqueException.InvalidEdition -> detail
        is EcoleNumeriqueException.Internal -> detail
    }

/**
 * The stable name of the kind, as in the conformance vectors and the other languages:
 * `invalid_request`, `unknown_edition`, `invalid_edition`, or `internal` for a Rust panic.
 */
val EcoleNumeriqueException.kind: String
    get() = when (this) {
        is EcoleNumeriqueException.InvalidRequest -> "invalid_request"
        is EcoleNumeriqueException.UnknownEdition -> "unknown_edition"
        is EcoleNumeriqueException.InvalidEdition -> "invalid_edition"
        is EcoleNumeriqueException.Internal -> "internal"
    }

/** `editionRef("EN2021")`: a request's edition named by its id. */
fun editionRef(id: String): EditionRef = EditionRef.Id(id)

/** An edition document carried whole by a request. */
fun editionRef(edition: Edition): EditionRef = EditionRef.Document(edition)

/**
 * The civil date of this instant in `Europe/Brussels`, as the rules compare it (SPEC §2):
 * `Instant.parse("2021-12-17T23:30:00Z").toBrusselsDate()` is 18 December 2021. Core does
 * the conversion; use it to fill the records' `LocalDate` fields from timestamps.
 */
fun java.time.Instant.toBrusselsDate(): java.time.LocalDate = brusselsDate(this)

/** The civil date in `Europe/Brussels` of this moment, whatever its own offset. */
fun java.time.OffsetDateTime.toBrusselsDate(): java.time.LocalDate = brusselsDate(toInstant())

/** The civil date in `Europe/Brussels` of this moment, whatever its own zone. */
fun java.time.ZonedDateTime.toBrusselsDate(): java.time.LocalDate = brusselsDate(toInstant())
