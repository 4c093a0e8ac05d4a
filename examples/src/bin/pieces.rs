//! Times the pieces of an evaluation separately (a development aid).
use ecole_numerique::*;
use std::time::Instant;
fn main() {
    let req = sample::campaign(9_756);
    let e = Edition::builtin("EN2021").unwrap();
    let est = &req.establishments[0];
    let t = Instant::now();
    for d in &req.dossiers {
        std::hint::black_box(grid::count(&e.grid, &d.equipment, &d.extra));
    }
    println!("count {:?}", t.elapsed());
    let t = Instant::now();
    for d in &req.dossiers {
        std::hint::black_box(eligibility::establishment_fits(est, d, &e));
    }
    println!("fits {:?}", t.elapsed());
    let t = Instant::now();
    for d in &req.dossiers {
        std::hint::black_box(dossier::walk_to_confirmation(
            d,
            &e,
            d.declared_on.unwrap_or_default(),
            None,
            true,
            req.as_of,
        ));
    }
    println!("walk {:?}", t.elapsed());
    let t = Instant::now();
    let r = evaluate(&req).unwrap();
    println!("evaluate {:?}", t.elapsed());
    let t = Instant::now();
    drop(r);
    println!("drop {:?}", t.elapsed());
    let t = Instant::now();
    let c = req.clone();
    println!("clone request {:?}", t.elapsed());
    drop(c);
}
