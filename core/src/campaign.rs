//! The campaign document (SPEC §9): request and report types shared by the three languages,
//! and the entry points [`evaluate`], [`evaluate_json`] and [`evaluate_dossier`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{de, Deserialize, Deserializer, Serialize};

use crate::edition::{Edition, Offer, Region};
use crate::error::{from_path_error, Error, EDITION_MARK};
use crate::json::{Key, Repeated};
use crate::messages::Lang;
use crate::rules::Rule;
use crate::text::Text;

/// A FASE number: identifies an establishment or one of its implantations. Any integer (SPEC
/// §9: `fase (integer)`): a dossier naming one that no establishment has, negative or not,
/// fails `dossier.establishment` and the campaign goes on. JSON integers beyond 64 bits are
/// refused at their place, as values core cannot hold.
pub type Fase = i64;

/// The edition of a request: the id of a known edition, or a whole edition document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditionRef {
    /// A known edition (built in, or in the request's `editions`).
    Id(String),
    /// An edition document; under a built-in id it replaces the built-in for this request.
    Document(Box<Edition>),
}

impl EditionRef {
    /// The edition id named or carried.
    pub fn id(&self) -> &str {
        match self {
            EditionRef::Id(id) => id,
            EditionRef::Document(e) => &e.id,
        }
    }
}

impl From<&str> for EditionRef {
    fn from(id: &str) -> Self {
        EditionRef::Id(id.to_string())
    }
}

impl From<String> for EditionRef {
    fn from(id: String) -> Self {
        EditionRef::Id(id)
    }
}

impl From<Edition> for EditionRef {
    fn from(edition: Edition) -> Self {
        EditionRef::Document(Box::new(edition))
    }
}

impl Serialize for EditionRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            EditionRef::Id(id) => s.serialize_str(id),
            EditionRef::Document(e) => e.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for EditionRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = EditionRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an edition id or an edition document")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<EditionRef, E> {
                Ok(EditionRef::Id(v.to_string()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<EditionRef, A::Error> {
                let doc = EditionDocument::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(EditionRef::Document(Box::new(doc.0)))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// An edition document read inside a request: type errors are marked so that they come out as
/// [`Error::InvalidEdition`] with the full path; the validation of SPEC §3 runs later, when the
/// request's registry is built.
#[derive(Debug, Clone)]
pub(crate) struct EditionDocument(pub Edition);

impl<'de> Deserialize<'de> for EditionDocument {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut track = serde_path_to_error::Track::new();
        let inner = serde_path_to_error::Deserializer::new(d, &mut track);
        match <Edition as Deserialize>::deserialize(inner) {
            Ok(e) => Ok(EditionDocument(e)),
            Err(err) => {
                let path = crate::error::path_string(&track.path());
                let detail = err.to_string();
                Err(de::Error::custom(format!("{EDITION_MARK}{path}{EDITION_MARK}{detail}")))
            }
        }
    }
}

fn edition_documents<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Edition>, D::Error> {
    let docs: Option<Vec<EditionDocument>> = Option::deserialize(d)?;
    Ok(docs.unwrap_or_default().into_iter().map(|doc| doc.0).collect())
}

/// `null` reads as absent: the default value.
pub(crate) fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A map read with each key once, `null` read as empty: a key given twice (whatever its
/// values, `null` included) is refused at its place (`waves[0].capacity.nas`,
/// `provenance.grid`), where a map would silently keep one of its two values.
pub(crate) fn each_key_once<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
    use std::marker::PhantomData;
    struct Keys<V>(PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for Keys<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map, each key once")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                let twice = out.contains_key(&key);
                let value = map.next_value_seed(Once { key: &key, twice, value: PhantomData })?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    /// A key's value, refused (there, so that the place is the key's) when given before.
    struct Once<'k, V> {
        key: &'k str,
        twice: bool,
        value: PhantomData<V>,
    }
    impl<'de, V: Deserialize<'de>> DeserializeSeed<'de> for Once<'_, V> {
        type Value = V;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<V, D::Error> {
            if self.twice {
                return Err(de::Error::custom(format!("`{}` is given twice", self.key)));
            }
            V::deserialize(d)
        }
    }
    d.deserialize_option(Keys(PhantomData))
}

/// [`each_key_once`], a key given `null` read as absent (SPEC §9: "`null` reads as absent"):
/// `{"year": null}` is the empty map, as `{}` is.
pub(crate) fn each_key_once_present<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    let given: BTreeMap<String, Option<V>> = each_key_once(d)?;
    Ok(given.into_iter().filter_map(|(key, value)| Some((key, value?))).collect())
}

/// A campaign request (SPEC §9).
///
/// ```
/// use ecole_numerique::CampaignRequest;
/// let request = CampaignRequest::from_json(r#"{"edition": "EN2021", "as_of": "2022-01-10"}"#).unwrap();
/// assert_eq!(request.edition.id(), "EN2021");
/// assert!(request.dossiers.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct CampaignRequest {
    /// The edition dossiers start in unless they name their own.
    pub edition: EditionRef,
    /// Extra edition documents (for carry-over).
    #[serde(default, deserialize_with = "edition_documents", skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<Edition>,
    /// The day of evaluation: events dated after it are ignored.
    #[serde(with = "crate::dates::civil")]
    pub as_of: NaiveDate,
    /// Language of the messages (French by default).
    #[serde(default, deserialize_with = "null_default")]
    pub lang: Lang,
    /// The establishments.
    #[serde(default, deserialize_with = "null_default")]
    pub establishments: Vec<Establishment>,
    /// The dossiers.
    #[serde(default, deserialize_with = "null_default")]
    pub dossiers: Vec<Dossier>,
    /// The order waves; absent skips the `ordered` stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waves: Option<Vec<Wave>>,
}

impl CampaignRequest {
    /// A request with no establishment, dossier or wave yet (and no `waves` field), in French,
    /// to be filled in code.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ecole_numerique::{evaluate, CampaignRequest, Dossier};
    /// let mut request = CampaignRequest::new("EN2021", NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
    /// request.dossiers.push(Dossier { id: "D1".into(), establishment: 99, ..Dossier::default() });
    /// let report = evaluate(&request).unwrap();
    /// assert_eq!(report.dossiers[0].stage.as_str(), "ineligible"); // no establishment 99
    /// ```
    pub fn new(edition: impl Into<EditionRef>, as_of: NaiveDate) -> Self {
        CampaignRequest {
            edition: edition.into(),
            editions: Vec::new(),
            as_of,
            lang: Lang::default(),
            establishments: Vec::new(),
            dossiers: Vec::new(),
            waves: None,
        }
    }

    /// Reads a request from JSON; errors name the place (`dossiers[3].signed_on`).
    pub fn from_json(text: &str) -> Result<CampaignRequest, Error> {
        // Read once without tracking the path (the common case, twice as fast); only a request
        // that fails is read again to find where.
        if let Ok(request) = serde_json::from_str::<CampaignRequest>(text) {
            return Ok(request);
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let request = Self::from_deserializer(&mut de)?;
        de.end().map_err(|e| Error::request("", e.to_string()))?;
        Ok(request)
    }

    /// Sets `as_of` from an instant: its civil date in Brussels (SPEC §2).
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use ecole_numerique::CampaignRequest;
    /// let mut r = CampaignRequest::from_json(r#"{"edition": "EN2021", "as_of": "2021-01-01"}"#).unwrap();
    /// r.set_as_of_instant(&Utc.with_ymd_and_hms(2022, 5, 31, 22, 30, 0).unwrap());
    /// assert_eq!(r.as_of.to_string(), "2022-06-01"); // already 1 June in Brussels
    /// ```
    pub fn set_as_of_instant<Tz: chrono::TimeZone>(&mut self, instant: &chrono::DateTime<Tz>) {
        self.as_of = crate::dates::brussels_date(instant);
    }

    /// Reads a request from any serde deserializer (used by the Python binding), with the
    /// same typed errors as [`CampaignRequest::from_json`].
    pub fn from_deserializer<'de, D>(d: D) -> Result<CampaignRequest, Error>
    where
        D: Deserializer<'de>,
        D::Error: std::fmt::Display,
    {
        serde_path_to_error::deserialize(d).map_err(from_path_error)
    }
}

/// An establishment (FE), identified by its FASE number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Establishment {
    /// FASE number.
    pub fase: Fase,
    /// Name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// (level, kind) pairs of teaching offered.
    #[serde(default, deserialize_with = "null_default")]
    pub offers: Vec<Offer>,
    /// Sites of the establishment.
    #[serde(default, deserialize_with = "null_default")]
    pub implantations: Vec<Implantation>,
    /// Years the establishment was laureate of an Ecole Numérique call.
    #[serde(default, deserialize_with = "null_default")]
    pub laureate_years: Vec<i32>,
}

/// One site of an establishment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Implantation {
    /// Its own FASE number.
    pub fase: Fase,
    /// Where it lies.
    pub region: Region,
}

/// Who signed the dossier (step 8: "signé par le PO et/ou la direction").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Signer {
    /// The organising authority (pouvoir organisateur).
    Po,
    /// The school's head.
    Direction,
}

by_name!(Signer { "po" => Po, "direction" => Direction });

/// The prior survey (step 4, "enquête préalable").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Survey {
    /// The referent / project leader, when named.
    #[serde(default)]
    pub referent: Option<String>,
    /// The connectivity (network) infrastructure was assessed.
    #[serde(default, deserialize_with = "null_default")]
    pub connectivity_assessed: bool,
    /// The school's infrastructure was assessed.
    #[serde(default, deserialize_with = "null_default")]
    pub infrastructure_assessed: bool,
    /// Works must be carried out.
    #[serde(default, deserialize_with = "null_default")]
    pub works_needed: bool,
    /// The PO was contacted about the works.
    #[serde(default, deserialize_with = "null_default")]
    pub po_contacted: bool,
    /// The bandwidth is sufficient.
    #[serde(default, deserialize_with = "null_default")]
    pub bandwidth_sufficient: bool,
    /// Financial and/or human means were committed ("engagements").
    #[serde(default, deserialize_with = "null_default")]
    pub means_committed: bool,
    /// When the survey was completed.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub completed_on: Option<NaiveDate>,
}

/// One line of equipment: an item of the grid and a quantity (any sign; checked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct EquipmentLine {
    /// Grid line id. Absent (or `null`), it reads as the empty id, which no grid has: a failed
    /// `grid.known_item` check (SPEC §9: every dossier field but `id` and `establishment` may
    /// be absent, and a wrong value is a failed check, not an error).
    #[serde(default, deserialize_with = "null_default")]
    pub item: String,
    /// Units, or points awarded on a rated line. Absent (or `null`), it reads as 0: a failed
    /// `grid.quantity` check on a per-unit line, no points on a rated line. A JSON integer
    /// beyond the range of `i64` is read as `i64::MAX` (or `i64::MIN`): still a whole number,
    /// so a failed grid check and not an error (SPEC §9: "a wrong value is a failed check");
    /// `2.0` is refused.
    #[serde(default, deserialize_with = "whole_number")]
    pub quantity: i64,
}

/// Reads a quantity: a JSON integer as written, saturated to the range of `i64`; `null` is 0.
///
/// SPEC §9: "quantities are JSON integers (...; `2.0` is not an integer)": what counts is how
/// the number is written, not its value. A JSON reader turns `-0` into the float `-0.0` and an
/// integer beyond 64 bits into a float, and reads `1e19` as the same float, so the number is
/// read from its text: serde_json hands it over as written (its raw-value protocol, feature
/// `raw_value`). `-0` is then 0, `100000000000000000000` is `i64::MAX`, and `2.0`, `1e19` or
/// `1e400` are not integers. Another deserializer (the Python binding's) gives the value
/// itself: an integer is taken, saturated, and a float never (a Python `float` is not an
/// integer).
fn whole_number<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_newtype_struct(RAW_VALUE, Whole)
}

/// The name under which serde_json hands a value over as its text (`serde_json::raw::TOKEN`,
/// which serde_json does not export; pinned by `quantities_are_read_as_written`).
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// A whole number, from its JSON text (serde_json answers the raw-value name with a map, at
/// once) or, from any other deserializer, from its value (see [`ByValue`]).
struct Whole;

impl<'de> de::Visitor<'de> for Whole {
    type Value = i64;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an integer")
    }
    /// Not serde_json: the value itself, where a map is a map (whatever its keys).
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<i64, D::Error> {
        d.deserialize_any(ByValue)
    }
    // A deserializer that answers the raw-value name as any other value (serde's own value
    // deserializers do) hands the value over here.
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        ByValue.visit_i64(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        ByValue.visit_u64(v)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<i64, E> {
        ByValue.visit_i128(v)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<i64, E> {
        ByValue.visit_u128(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<i64, E> {
        ByValue.visit_unit()
    }
    fn visit_none<E: de::Error>(self) -> Result<i64, E> {
        ByValue.visit_none()
    }
    /// serde_json's raw value: one entry, the token and the text. A refusal is made here, not
    /// while the entry's value is read, so that its place is the quantity's, not the token's.
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<i64, A::Error> {
        if map.next_key_seed(IsRawValue)? != Some(true) {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        map.next_value_seed(Written)?.map_err(|not| match not {
            NotInteger::Float(v) => de::Error::invalid_type(de::Unexpected::Float(v), &self),
            NotInteger::Bool(v) => de::Error::invalid_type(de::Unexpected::Bool(v), &self),
            NotInteger::Str(v) => de::Error::invalid_type(de::Unexpected::Str(&v), &self),
            NotInteger::Seq => de::Error::invalid_type(de::Unexpected::Seq, &self),
            NotInteger::Map => de::Error::invalid_type(de::Unexpected::Map, &self),
        })
    }
}

/// A whole number from its value: any integer, saturated; `null` is 0; nothing else.
struct ByValue;

impl<'de> de::Visitor<'de> for ByValue {
    type Value = i64;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an integer")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        Ok(i64::try_from(v).unwrap_or(i64::MAX))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<i64, E> {
        Ok(i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX }))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<i64, E> {
        Ok(i64::try_from(v).unwrap_or(i64::MAX))
    }
    fn visit_unit<E: de::Error>(self) -> Result<i64, E> {
        Ok(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<i64, E> {
        Ok(0)
    }
}

/// Whether a map's key is serde_json's raw-value token.
struct IsRawValue;

impl<'de> de::DeserializeSeed<'de> for IsRawValue {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl de::Visitor<'_> for IsRawValue {
    type Value = bool;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == RAW_VALUE)
    }
}

/// A whole number read from its JSON text, or what the text is instead.
struct Written;

/// What a quantity's JSON text is when it is not an integer.
enum NotInteger {
    Float(f64),
    Bool(bool),
    Str(String),
    Seq,
    Map,
}

impl<'de> de::DeserializeSeed<'de> for Written {
    type Value = Result<i64, NotInteger>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl de::Visitor<'_> for Written {
    type Value = Result<i64, NotInteger>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the text of a JSON value")
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        // JSON's grammar for an integer: `-?(0|[1-9][0-9]*)`.
        let integer = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'));
        if integer {
            // At most 19 digits fit a u64; more are beyond the range of i64 whatever they are.
            let magnitude =
                if digits.len() <= 19 { digits.parse::<u64>().unwrap_or(u64::MAX) } else { u64::MAX };
            let value = if negative { -i128::from(magnitude) } else { i128::from(magnitude) };
            return Ok(Ok(ByValue.visit_i128::<E>(value)?));
        }
        // Not an integer: refused as the value it is (`null` reads as absent).
        Ok(match text.as_bytes().first() {
            Some(b'n') => Ok(0),
            Some(b't') => Err(NotInteger::Bool(true)),
            Some(b'f') => Err(NotInteger::Bool(false)),
            Some(b'"') => Err(NotInteger::Str(serde_json::from_str(text).unwrap_or_default())),
            Some(b'[') => Err(NotInteger::Seq),
            Some(b'{') => Err(NotInteger::Map),
            // A number with a fraction or an exponent (serde_json checked the text's grammar).
            _ => Err(NotInteger::Float(text.parse::<f64>().unwrap_or(f64::NAN))),
        })
    }
}

/// The delivery (step 10).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// Day of delivery.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub delivered_on: Option<NaiveDate>,
    /// The delivery note was signed (mandatory).
    #[serde(default, deserialize_with = "null_default")]
    pub note_signed: bool,
    /// The number of boxes was written on the note.
    #[serde(default, deserialize_with = "null_default")]
    pub boxes_noted: bool,
    /// Parcels were opened before SPW's reception.
    #[serde(default, deserialize_with = "null_default")]
    pub unpacked_before_reception: bool,
}

/// The reception by SPW (step 11).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Reception {
    /// Day the appointment was booked (on or before the visit, SPEC §6).
    #[serde(default, with = "crate::dates::civil_opt")]
    pub appointment_on: Option<NaiveDate>,
    /// Day of SPW's visit: unpacking, commissioning, first use.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub visited_on: Option<NaiveDate>,
    /// A member of the project team was present.
    #[serde(default, deserialize_with = "null_default")]
    pub team_member_present: bool,
    /// The equipment was accessible.
    #[serde(default, deserialize_with = "null_default")]
    pub equipment_accessible: bool,
}

/// The evaluation (step 13).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// The questionnaire on the programme was answered.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub questionnaire_on: Option<NaiveDate>,
    /// The EN survey on the project was answered.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub survey_on: Option<NaiveDate>,
    /// Achievements were shared.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub shared_on: Option<NaiveDate>,
}

/// One candidature of one establishment in one edition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    /// Dossier id, unique in the request.
    pub id: String,
    /// FASE number of the establishment.
    pub establishment: Fase,
    /// Edition it starts in (else the request's).
    #[serde(default)]
    pub edition: Option<String>,
    /// FASE numbers of the implantations concerned; empty: all of them.
    #[serde(default, deserialize_with = "null_default")]
    pub implantations: Vec<Fase>,
    /// Step 2: declaration of candidature.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub declared_on: Option<NaiveDate>,
    /// Step 3: the CEN's first contact.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub first_contact_on: Option<NaiveDate>,
    /// Step 4: the prior survey.
    #[serde(default, deserialize_with = "null_default")]
    pub survey: Survey,
    /// Step 5: the CEN opened the candidature space.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub space_opened_on: Option<NaiveDate>,
    /// Equipment requested, counted on the grid.
    #[serde(default, deserialize_with = "null_default")]
    pub equipment: Vec<EquipmentLine>,
    /// Extra equipment bought at SPW prices: not counted, not ordered in waves.
    #[serde(default, deserialize_with = "null_default")]
    pub extra: Vec<EquipmentLine>,
    /// Step 7: the CEN's approval.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub cen_approved_on: Option<NaiveDate>,
    /// Step 7: the pedagogical expert's approval.
    #[serde(default, with = "crate::dates::civil_opt")]
    pub expert_approved_on: Option<NaiveDate>,
    /// Step 8: signature (confirmation).
    #[serde(default, with = "crate::dates::civil_opt")]
    pub signed_on: Option<NaiveDate>,
    /// Step 8: who signed.
    #[serde(default, deserialize_with = "null_default")]
    pub signed_by: Vec<Signer>,
    /// Step 10.
    #[serde(default, deserialize_with = "null_default")]
    pub delivery: Delivery,
    /// Step 11.
    #[serde(default, deserialize_with = "null_default")]
    pub reception: Reception,
    /// Step 13.
    #[serde(default, deserialize_with = "null_default")]
    pub evaluation: Evaluation,
}

/// A batch of orders SPW places on one date (step 9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(deny_unknown_fields)]
pub struct Wave {
    /// Wave id, unique in the request.
    pub id: String,
    /// Day the orders are placed.
    #[serde(with = "crate::dates::civil")]
    pub order_on: NaiveDate,
    /// Units per item; an item without a capacity is unlimited. Negative is an error. An item
    /// given `null` has no capacity (SPEC §9: "`null` reads as absent"), so it is unlimited.
    #[serde(default, deserialize_with = "capacities")]
    pub capacity: BTreeMap<String, i64>,
}

/// Reads a wave's capacities: `null` (the map or an item's units) reads as absent; units are
/// read like a quantity, so an integer beyond the range of `i64` is `i64::MAX` (as good as
/// unlimited) or `i64::MIN` (negative, refused by the engine), not an unreadable request. An
/// item given twice is refused at its place (`waves[0].capacity.nas`): a map would keep one
/// of its two capacities and silently drop the other.
fn capacities<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, i64>, D::Error> {
    struct Units(i64);
    impl<'de> Deserialize<'de> for Units {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            whole_number(d).map(Units)
        }
    }
    let given: BTreeMap<String, Units> = each_key_once_present(d)?;
    Ok(given.into_iter().map(|(item, units)| (item, units.0)).collect())
}

/// The stage a dossier has reached (SPEC §6). Declared with the line's stages in process
/// order, but stages have no order: `not_declared`, `ineligible`, `carried_over` are outside the line
/// (compare stages for equality only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// No declaration yet; the window is still open.
    NotDeclared,
    /// A failed eligibility check, or an unknown establishment.
    Ineligible,
    /// Step 2.
    Declared,
    /// Step 3.
    Contacted,
    /// Step 4.
    Surveyed,
    /// Step 5.
    SpaceOpened,
    /// Steps 7–8: the dossier became a project.
    Confirmed,
    /// Step 9: its wave has ordered.
    Ordered,
    /// Step 10.
    Delivered,
    /// Steps 11–12.
    InProject,
    /// Step 13.
    Evaluated,
    /// Not confirmed by the deadline, and the next edition is not known.
    CarriedOver,
}

impl Stage {
    /// The snake_case name, as in the report.
    pub const fn as_str(self) -> &'static str {
        match self {
            Stage::NotDeclared => "not_declared",
            Stage::Ineligible => "ineligible",
            Stage::Declared => "declared",
            Stage::Contacted => "contacted",
            Stage::Surveyed => "surveyed",
            Stage::SpaceOpened => "space_opened",
            Stage::Confirmed => "confirmed",
            Stage::Ordered => "ordered",
            Stage::Delivered => "delivered",
            Stage::InProject => "in_project",
            Stage::Evaluated => "evaluated",
            Stage::CarriedOver => "carried_over",
        }
    }

    /// All stages, in declaration order.
    pub const ALL: [Stage; 12] = [
        Stage::NotDeclared,
        Stage::Ineligible,
        Stage::Declared,
        Stage::Contacted,
        Stage::Surveyed,
        Stage::SpaceOpened,
        Stage::Confirmed,
        Stage::Ordered,
        Stage::Delivered,
        Stage::InProject,
        Stage::Evaluated,
        Stage::CarriedOver,
    ];
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Stage {
    type Err = crate::error::UnknownName;

    /// Reads a stage's snake_case name, as the report writes it.
    ///
    /// ```
    /// use ecole_numerique::Stage;
    /// assert_eq!("in_project".parse::<Stage>(), Ok(Stage::InProject));
    /// assert_eq!(Stage::InProject.to_string(), "in_project");
    /// assert!("In_project".parse::<Stage>().is_err());
    /// ```
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Stage::ALL.into_iter().find(|stage| stage.as_str() == name).ok_or_else(|| crate::error::UnknownName {
            name: name.to_string(),
            expected: const_names!(Stage::ALL, Stage::as_str),
        })
    }
}

/// One check of one rule, passed or failed.
///
/// Written as `{rule, passed, blocking, message, source}` (SPEC §9); the source is the rule's
/// own ([`Check::source`]), so a check holds only the rule and is 16 bytes (see [`Text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The rule; written as its stable id (`eligibility.level`).
    pub rule: Rule,
    /// Whether it holds.
    pub passed: bool,
    /// Whether a failure stops the dossier.
    pub blocking: bool,
    /// Explanation in the request's language (shared among the dossiers that say the same).
    pub message: Text,
}

impl Check {
    /// Where the rule comes from: the seed's section or slide, or `assumed`.
    pub fn source(&self) -> &'static str {
        self.rule.source()
    }
}

/// Written field by field, or copied when one the same was written before (see
/// [`crate::json`]).
impl Repeated for Check {
    fn key(&self) -> Option<Key> {
        self.message.shared_at().map(|at| Key::Check(at, self.rule, self.passed, self.blocking))
    }

    fn serialize_fields<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Check", 5)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("passed", &self.passed)?;
        st.serialize_field("blocking", &self.blocking)?;
        st.serialize_field("message", &*self.message)?;
        st.serialize_field("source", self.rule.source())?;
        st.end()
    }
}

impl Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::json::serialize(self, s)
    }
}

/// Reads a written check back; `source` is the rule's own and is not kept.
impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename = "Check")]
        struct Written {
            rule: Rule,
            passed: bool,
            blocking: bool,
            message: Text,
            // `source` is the rule's own: read and let go, like any field not named here.
        }
        let w = Written::deserialize(d)?;
        Ok(Check { rule: w.rule, passed: w.passed, blocking: w.blocking, message: w.message })
    }
}

/// One line of the grid as counted for a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsLine {
    /// Item id as requested (shared with the grid line when the item is known).
    pub item: Text,
    /// Its lot (shared with the grid line); null for an unknown item.
    pub lot: Option<Text>,
    /// Quantity as requested.
    pub quantity: i64,
    /// Points it counts (0 for an unknown item or a wrong quantity).
    pub points: i64,
}

/// The points of a dossier on its edition's grid (SPEC §5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Points {
    /// Sum of the lines' points.
    pub total: i64,
    /// The grid maximum.
    pub max: i64,
    /// `max - total`; negative when over.
    pub remaining: i64,
    /// Each equipment line, in request order.
    pub lines: Vec<PointsLine>,
    /// Extra purchases at SPW prices: listed apart, never counted (0 points each).
    pub extra: Vec<PointsLine>,
}

/// Something that remains to be done, with its due date when one exists.
///
/// Written as `{rule, message, due}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NextAction {
    /// The rule it serves; written as its id.
    pub rule: Rule,
    /// What to do, in the request's language.
    pub message: Text,
    /// By when, if a date is set by the rules.
    #[serde(with = "crate::dates::computed_opt")]
    pub due: Option<NaiveDate>,
}

/// Written field by field, or copied when one the same was written before (see
/// [`crate::json`]).
impl Repeated for NextAction {
    fn key(&self) -> Option<Key> {
        self.message.shared_at().map(|at| Key::Action(at, self.rule, self.due))
    }

    fn serialize_fields<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// The due date, written as a report writes it.
        struct Due<'a>(&'a Option<NaiveDate>);
        impl Serialize for Due<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                crate::dates::computed_opt::serialize(self.0, s)
            }
        }
        let mut st = s.serialize_struct("NextAction", 3)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("message", &*self.message)?;
        st.serialize_field("due", &Due(&self.due))?;
        st.end()
    }
}

impl Serialize for NextAction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::json::serialize(self, s)
    }
}

/// The report of one dossier (SPEC §9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierReport {
    /// Dossier id.
    pub id: String,
    /// FASE number of its establishment.
    pub establishment: Fase,
    /// The edition it is in now (after any carry-over); shared among the dossiers.
    pub edition: Text,
    /// That edition's `dossier_deadline`, as written.
    #[serde(with = "crate::dates::civil")]
    pub deadline: NaiveDate,
    /// Declared and passing every eligibility check (SPEC §4): false for a dossier not declared
    /// yet (stage `not_declared`) as for an ineligible one.
    pub eligible: bool,
    /// The stage reached on `as_of`.
    pub stage: Stage,
    /// The checks, in the order of the rules.
    pub checks: Vec<Check>,
    /// Points on the grid.
    pub points: Points,
    /// Editions it left by carry-over, oldest first.
    pub carried_over_from: Vec<Text>,
    /// The unknown (or missing) edition it is waiting for, when `stage` is `carried_over`.
    pub carried_over_to: Option<Text>,
    /// The wave that takes the project, if any; shared among its projects.
    pub wave: Option<Text>,
    /// End of the commitment (the visit + the edition's `commitment_years`), once in project.
    #[serde(with = "crate::dates::computed_opt")]
    pub commitment_ends_on: Option<NaiveDate>,
    /// What remains to be done.
    pub next_actions: Vec<NextAction>,
}

/// One order line of a wave: units of an item, with its lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    /// Item id.
    pub item: String,
    /// Its lot.
    pub lot: String,
    /// Units.
    pub quantity: i64,
}

/// One wave of the plan (SPEC §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WavePlan {
    /// Wave id.
    pub id: String,
    /// Day the orders are placed.
    #[serde(with = "crate::dates::civil")]
    pub order_on: NaiveDate,
    /// Dossier ids of its projects, in request order.
    pub projects: Vec<String>,
    /// Quantities per item, sorted by lot then item.
    pub lines: Vec<OrderLine>,
}

/// The report of a campaign (SPEC §9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignReport {
    /// The request's edition id.
    pub edition: String,
    /// The day of evaluation.
    #[serde(with = "crate::dates::civil")]
    pub as_of: NaiveDate,
    /// Language of the messages.
    pub lang: Lang,
    /// Version of this library.
    pub library_version: String,
    /// SHA-256 (hex) over the canonical serialization of the editions the campaign used.
    pub fingerprint: String,
    /// One report per dossier, in request order.
    pub dossiers: Vec<DossierReport>,
    /// The waves in (`order_on`, `id`) order; empty without waves.
    pub waves: Vec<WavePlan>,
    /// Confirmed projects no wave can take, in request order.
    pub unscheduled: Vec<String>,
}

impl CampaignReport {
    /// The report as JSON: the document [`evaluate_json`] writes. It is what `serde_json` writes
    /// of this value, written faster: each check and next action of a shared message is written
    /// once and copied after.
    ///
    /// ```
    /// use ecole_numerique::{evaluate, sample};
    /// let report = evaluate(&sample::campaign(30)).unwrap();
    /// assert_eq!(report.to_json().unwrap(), serde_json::to_string(&report).unwrap());
    /// ```
    pub fn to_json(&self) -> Result<String, Error> {
        crate::json::to_string(self).map_err(|e| Error::request("", e.to_string()))
    }
}

/// Evaluates a campaign. One bad dossier never stops it: its problems are failed checks.
///
/// ```
/// use ecole_numerique::{evaluate, CampaignRequest, Stage};
/// let request = CampaignRequest::from_json(r#"{
///   "edition": "EN2021", "as_of": "2021-11-15",
///   "establishments": [{"fase": 1234, "name": "Ecole du Centre",
///     "offers": [{"level": "primaire", "kind": "ordinaire"}],
///     "implantations": [{"fase": 1235, "region": "wallonia"}], "laureate_years": []}],
///   "dossiers": [{"id": "D1", "establishment": 1234, "declared_on": "2021-10-04",
///     "equipment": [{"item": "tablet-android", "quantity": 20}]}]
/// }"#).unwrap();
/// let report = evaluate(&request).unwrap();
/// let d = &report.dossiers[0];
/// assert!(d.eligible);
/// assert_eq!(d.stage, Stage::Declared);
/// assert_eq!((d.points.total, d.points.remaining), (20, 30));
/// ```
pub fn evaluate(request: &CampaignRequest) -> Result<CampaignReport, Error> {
    crate::engine::evaluate(request)
}

/// Reads a JSON campaign request, evaluates it and writes the JSON report.
pub fn evaluate_json(request: &str) -> Result<String, Error> {
    let request = CampaignRequest::from_json(request)?;
    let report = evaluate(&request)?;
    report.to_json()
}

/// The adviser's question about one school: one establishment, one dossier, a day, a
/// language; editions as in a campaign request.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierRequest {
    /// The edition the dossier starts in (unless it names its own).
    pub edition: EditionRef,
    /// Extra editions, for carry-over.
    pub editions: Vec<Edition>,
    /// The day of evaluation.
    pub as_of: NaiveDate,
    /// Language of the messages.
    pub lang: Lang,
    /// The establishment.
    pub establishment: Establishment,
    /// The dossier.
    pub dossier: Dossier,
}

impl DossierRequest {
    /// Sets `as_of` from an instant: its civil date in Brussels (SPEC §2).
    pub fn set_as_of_instant<Tz: chrono::TimeZone>(&mut self, instant: &chrono::DateTime<Tz>) {
        self.as_of = crate::dates::brussels_date(instant);
    }
}

/// The report of one dossier, with the edition fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SingleReport {
    /// The dossier's report.
    #[serde(flatten)]
    pub report: DossierReport,
    /// SHA-256 over the editions used.
    pub fingerprint: String,
}

/// Evaluates one dossier of one establishment (the adviser's view). No waves: the `ordered`
/// stage is skipped.
///
/// ```
/// use ecole_numerique::{evaluate_dossier, DossierRequest, Dossier, Establishment, Lang, Stage};
/// use chrono::NaiveDate;
/// let school = Establishment { fase: 7, name: "Athénée".into(), offers: vec![], implantations: vec![], laureate_years: vec![] };
/// let dossier = Dossier { id: "A".into(), establishment: 7, ..Default::default() };
/// let r = evaluate_dossier(&DossierRequest {
///     edition: "EN2021".into(), editions: vec![], as_of: NaiveDate::from_ymd_opt(2021, 11, 2).unwrap(),
///     lang: Lang::En, establishment: school, dossier,
/// }).unwrap();
/// assert_eq!(r.report.stage, Stage::Ineligible); // it offers no eligible level
/// ```
///
/// An error names its place in this request: an unknown edition named by the dossier is at
/// `dossier.edition`, an edition document among `editions` at `editions[i]…`.
pub fn evaluate_dossier(request: &DossierRequest) -> Result<SingleReport, Error> {
    let campaign = CampaignRequest {
        edition: request.edition.clone(),
        editions: request.editions.clone(),
        as_of: request.as_of,
        lang: request.lang,
        establishments: vec![request.establishment.clone()],
        dossiers: vec![request.dossier.clone()],
        waves: None,
    };
    // Its errors name the places of the single request (`dossier.edition`), not those of the
    // campaign it is evaluated as (`dossiers[0].edition`).
    let mut report = evaluate(&campaign)
        .map_err(|e| e.rerooted("dossiers[0]", "dossier").rerooted("establishments[0]", "establishment"))?;
    let single = report.dossiers.pop().ok_or_else(|| Error::request("dossier", "no report"))?;
    Ok(SingleReport { report: single, fingerprint: report.fingerprint })
}

// Requests and edition documents are objects (SPEC §9), read from objects only.
objects_only!(
    CampaignRequest: "a campaign request",
    Establishment: "an establishment",
    Implantation: "an implantation {fase, region}",
    Survey: "a survey",
    EquipmentLine: "an equipment line {item, quantity}",
    Delivery: "a delivery",
    Reception: "a reception",
    Evaluation: "an evaluation",
    Dossier: "a dossier",
    Wave: "a wave",
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten thousand reports hold some three hundred thousand checks: their size is memory
    /// written and read back.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn report_values_stay_small() {
        use std::mem::size_of;
        assert_eq!(size_of::<Check>(), 16);
        assert_eq!(size_of::<PointsLine>(), 32);
        assert_eq!(size_of::<NextAction>(), 16);
    }

    fn quantity(json: &str) -> Result<i64, serde_json::Error> {
        let line: EquipmentLine = serde_json::from_str(&format!(r#"{{"item": "nas", "quantity": {json}}}"#))?;
        Ok(line.quantity)
    }

    #[test]
    fn quantities_are_read_as_written() {
        assert_eq!(quantity("-3").unwrap(), -3);
        assert_eq!(quantity("0").unwrap(), 0);
        assert_eq!(quantity("-0").unwrap(), 0, "-0 is a JSON integer");
        assert_eq!(quantity(" 7 ").unwrap(), 7);
        assert_eq!(quantity("9223372036854775807").unwrap(), i64::MAX);
        assert_eq!(quantity("9223372036854775808").unwrap(), i64::MAX);
        assert_eq!(quantity("9999999999999999999").unwrap(), i64::MAX);
        assert_eq!(quantity("100000000000000000000000").unwrap(), i64::MAX);
        assert_eq!(quantity(&"9".repeat(400)).unwrap(), i64::MAX);
        assert_eq!(quantity("-9223372036854775808").unwrap(), i64::MIN);
        assert_eq!(quantity("-9223372036854775809").unwrap(), i64::MIN);
        assert_eq!(quantity(&format!("-{}", "9".repeat(400))).unwrap(), i64::MIN);
        // Written with a fraction or an exponent, whatever the value: not an integer.
        for not_whole in [
            "2.0",
            "2.5",
            "-0.5",
            "-0.0",
            "0.0",
            "1e2",
            "1E2",
            "2e0",
            "1e19",
            "-1e19",
            "9.3e18",
            "1e400",
            "10000000000000000000.0",
            "\"3\"",
            "true",
            "false",
            "[1]",
            "{}",
        ] {
            let err = quantity(not_whole).unwrap_err().to_string();
            assert!(err.contains("expected an integer"), "{not_whole}: {err}");
        }
        assert!(quantity("2.0").unwrap_err().to_string().contains("floating point `2.0`"));
        assert_eq!(quantity("null").unwrap(), 0, "null reads as absent");
        let line: EquipmentLine = serde_json::from_str("{}").unwrap();
        assert_eq!((line.item.as_str(), line.quantity), ("", 0), "absent");
        // From a JSON value (written again as text) and from a deserializer of values.
        let line: EquipmentLine =
            serde_json::from_value(serde_json::json!({"item": "nas", "quantity": -3})).unwrap();
        assert_eq!(line.quantity, -3);
        let value = serde::de::value::I128Deserializer::<serde::de::value::Error>::new(-(1 << 100));
        assert_eq!(whole_number(value).unwrap(), i64::MIN);
        let value = serde::de::value::F64Deserializer::<serde::de::value::Error>::new(1e19);
        assert!(whole_number(value).is_err(), "a float is not an integer");
        let value = serde::de::value::UnitDeserializer::<serde::de::value::Error>::new();
        assert_eq!(whole_number(value).unwrap(), 0);
        // Only serde_json's own answer is read as text: from another deserializer (the Python
        // binding's), a map is a map, even one whose key is serde_json's token.
        let map = serde::de::value::MapDeserializer::<_, serde::de::value::Error>::new(
            [(RAW_VALUE, "5")].into_iter(),
        );
        assert!(de::Visitor::visit_newtype_struct(Whole, map).is_err());
    }

    #[test]
    fn a_null_capacity_is_no_capacity() {
        let wave: Wave = serde_json::from_str(
            r#"{"id": "W", "order_on": "2022-03-01", "capacity": {"nas": null, "tablet": 3}}"#,
        )
        .unwrap();
        assert_eq!(wave.capacity, BTreeMap::from([("tablet".to_string(), 3)]));
        let wave: Wave =
            serde_json::from_str(r#"{"id": "W", "order_on": "2022-03-01", "capacity": null}"#).unwrap();
        assert!(wave.capacity.is_empty());
    }
}
