//! Reading the request's enumerations (levels, kinds, regions, provenances, languages,
//! signers) from their names only.
//!
//! SPEC §9 writes each of them as a string (`"primaire"`, `"en"`). serde's derived
//! `Deserialize` also takes the form `{"primaire": null}` from a JSON reader (though not from
//! the Python binding's reader), so the same request would be read on one path and refused on
//! the other. `by_name!` implements `Deserialize` by the name alone.
//!
//! In the same way, serde's derived `Deserialize` for a struct also takes the sequence of its
//! field values in order (`["EN2021", null, "2022-01-10"]` for a whole request, `["nas", 2]`
//! for an equipment line), silently. SPEC §9 writes each of them as an object, and a wrong type
//! anywhere is an error naming its place: `objects_only!` reads them from objects alone.

/// The names of a unit-only enum's values, in the order of `$all` (an array of them), made at
/// compile time by `$name`, a `const fn` of a value: the `expected` list of an
/// [`UnknownName`](crate::error::UnknownName) for the enums `by_name!` does not write (stages,
/// rules).
macro_rules! const_names {
    ($all:expr, $name:path) => {{
        const NAMES: [&str; $all.len()] = {
            let mut names = [""; $all.len()];
            let mut i = 0;
            while i < names.len() {
                names[i] = $name($all[i]);
                i += 1;
            }
            names
        };
        &NAMES
    }};
}

/// Implements `Deserialize` for a unit-only enum from its names, which must be those its
/// derived `Serialize` writes (the test of each module that uses it checks both ways).
/// Anything but a string is a wrong type; an unknown name is refused as serde's derive
/// refuses it ("unknown variant `x`, expected one of …").
macro_rules! by_name {
    ($ty:ident { $($name:literal => $variant:ident),+ $(,)? }) => {
        impl $ty {
            /// The names it is written with, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The name it is written with (SPEC §9).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = crate::error::UnknownName;

            /// Reads a name as a request does (exactly, case and all).
            fn from_str(name: &str) -> Result<Self, Self::Err> {
                match name {
                    $($name => Ok($ty::$variant),)+
                    _ => Err(crate::error::UnknownName { name: name.to_string(), expected: $ty::NAMES }),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Name;
                impl serde::de::Visitor<'_> for Name {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        write!(f, "one of {}", $ty::NAMES.join(", "))
                    }
                    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<$ty, E> {
                        name.parse().map_err(|_| E::unknown_variant(name, $ty::NAMES))
                    }
                }
                d.deserialize_str(Name)
            }
        }
    };
}

/// Implements `Deserialize` (and `Serialize`) for structs whose derives are made with
/// `#[serde(remote = "Self")]`, so that serde's derived code is an inherent `deserialize`
/// (`serialize`) function: the struct is read from an object (a map) only, with that code, and
/// anything else (a sequence above all) is a wrong type, said with `$what` (SPEC's name of the
/// object). Call `<T as Deserialize>::deserialize`, not `T::deserialize` (the inherent
/// function, public as the type is: serde's derived reader, which also takes a sequence), to
/// read one; `serde_json::from_str::<T>` and the crate's own readers go through the trait.
/// This is the way serde's author suggests for readers that take maps only (serde#2432).
/// `T: "what" => f` passes what is read through `f` (a grid builds its index of line ids).
macro_rules! objects_only {
    ($($ty:ident: $what:literal $(=> $then:path)?),+ $(,)?) => {$(
        objects_only!(read $ty: $what $(=> $then)?);

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $ty::serialize(self, s)
            }
        }
    )+};
    (read $ty:ident: $what:literal $(=> $then:path)?) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Object;
                impl<'de> serde::de::Visitor<'de> for Object {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str(concat!("an object (", $what, ")"))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        $ty::deserialize(serde::de::value::MapAccessDeserializer::new(map))$(.map($then))?
                    }
                }
                d.deserialize_map(Object)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::campaign::Signer;
    use crate::edition::{Kind, Level, Provenance, Region};
    use crate::messages::Lang;
    use serde::{de::DeserializeOwned, Serialize};

    /// Each name reads as the variant that is written with it, and nothing else reads.
    fn names_round_trip<T>(names: &[&str])
    where
        T: Serialize + DeserializeOwned + std::fmt::Debug + PartialEq + std::fmt::Display,
        T: std::str::FromStr<Err = crate::error::UnknownName>,
    {
        for name in names {
            let value: T = serde_json::from_str(&format!("\"{name}\"")).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), format!("\"{name}\""));
            // The same names as text: Display and FromStr.
            assert_eq!(value.to_string(), *name);
            assert_eq!(name.parse::<T>(), Ok(value));
            assert_eq!(name.to_uppercase().parse::<T>().unwrap_err().expected, names);
            let as_map = serde_json::from_str::<T>(&format!("{{\"{name}\": null}}")).unwrap_err();
            assert!(as_map.to_string().contains("invalid type: map"), "{as_map}");
        }
        let unknown = serde_json::from_str::<T>("\"nope\"").unwrap_err().to_string();
        assert!(unknown.starts_with("unknown variant `nope`, expected"), "{unknown}");
        assert!(serde_json::from_str::<T>("1").is_err());
        assert!(serde_json::from_str::<T>("null").is_err());
    }

    #[test]
    fn every_enum_of_a_request_reads_by_name_only() {
        names_round_trip::<Level>(Level::NAMES);
        names_round_trip::<Kind>(Kind::NAMES);
        names_round_trip::<Region>(Region::NAMES);
        names_round_trip::<Provenance>(Provenance::NAMES);
        names_round_trip::<Lang>(Lang::NAMES);
        names_round_trip::<Signer>(Signer::NAMES);
        assert_eq!(Level::NAMES.len(), 4);
        assert_eq!(Kind::NAMES.len(), 3);
        assert_eq!(Region::NAMES.len(), 4);
        assert_eq!(Provenance::NAMES.len(), 2);
        assert_eq!(Lang::NAMES.len(), 3);
        assert_eq!(Signer::NAMES.len(), 2);
    }

    #[test]
    fn stages_and_rules_read_and_write_their_names() {
        use crate::{Rule, Stage};
        for stage in Stage::ALL {
            assert_eq!(stage.to_string().parse::<Stage>(), Ok(stage));
            assert_eq!(serde_json::to_string(&stage).unwrap(), format!("\"{stage}\""));
        }
        assert_eq!("nope".parse::<Stage>().unwrap_err().expected.len(), Stage::ALL.len());
        for rule in Rule::ALL {
            assert_eq!(rule.to_string().parse::<Rule>(), Ok(rule));
        }
        assert_eq!("nope".parse::<Rule>().unwrap_err().expected.len(), Rule::ALL.len());
    }
}
