//! Writes N synthetic customers (`kehu::synth`) to a CSV, the same file the
//! import benchmark builds, for profiling an import by hand:
//! `cargo run --release --example synth_csv -- 1000000 /tmp/customers.csv`

use kehu::synth::customer_values;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let rows: u64 = args.next().unwrap_or_else(|| "100000".into()).parse()?;
    let path = args.next().unwrap_or_else(|| "customers.csv".into());
    let headers: Vec<String> = customer_values(0).into_keys().collect();
    let mut w = csv::Writer::from_path(&path)?;
    w.write_record(&headers)?;
    for i in 0..rows {
        let v = customer_values(i);
        w.write_record(headers.iter().map(|h| v[h].as_str()))?;
    }
    w.flush()?;
    Ok(())
}
