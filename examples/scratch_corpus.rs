#[path = "../benches/support/corpus.rs"]
mod corpus;
fn main() {
    let dir = std::path::Path::new("/tmp/c100k");
    std::fs::create_dir_all(dir).unwrap();
    if !dir.join("sift.db").exists() {
        drop(corpus::build(dir));
    }
    let conn = rusqlite::Connection::open(dir.join("sift.db")).unwrap();
    if let Ok(p) = std::env::var("PRAGMAS") {
        conn.execute_batch(&p).unwrap();
    }
    for sql in std::env::args().skip(1).chain(std::env::args().skip(1)) {
        let t = std::time::Instant::now();
        let mut stmt = conn.prepare(&sql).unwrap();
        let mut n = 0;
        let mut rows = stmt.query([]).unwrap();
        let mut first = String::new();
        while let Some(r) = rows.next().unwrap() {
            if n == 0 {
                first = format!("{:?}", r.get_ref(0).unwrap());
            }
            n += 1;
        }
        eprintln!("{:>8.2?} rows {n} first {first}  {sql}", t.elapsed());
        let mut p = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let plan: Vec<String> = p
            .query_map([], |r| r.get(3))
            .unwrap()
            .map(|x| x.unwrap())
            .collect();
        eprintln!("    {}", plan.join(" | "));
    }
}
