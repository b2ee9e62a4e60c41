//! Golden reports: `check --format json` on each shipped sample must equal the JSON under
//! tests/golden/. After an intended change, regenerate them with
//! `SHENGAO_BLESS=1 cargo test --test golden` and review the diff like code.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const SAMPLES: &[&str] = &[
    "dianxing-fayan.txt",
    "gongzuo-zongjie.txt",
    "huibao-cailiao.txt",
    "jianghua-gao.txt",
    "zhuanti-huibao.md",
];

/// The first place where two JSON values differ, as a JSON-pointer-like path.
fn first_difference(path: String, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k)));
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(format!("{path}/{k}"), p, q),
                _ => Some(format!("{path}/{k} (present on one side only)")),
            })
        }
        (Value::Array(x), Value::Array(y)) => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(format!("{path}/{i}"), p, q))
            .or_else(|| {
                (x.len() != y.len()).then(|| format!("{path} (length {} vs {})", x.len(), y.len()))
            }),
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}

#[test]
fn samples_match_their_golden_reports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("SHENGAO_BLESS").is_some();
    for sample in SAMPLES {
        let out = Command::cargo_bin("shengao")
            .unwrap()
            .current_dir(root)
            .args(["check", "--format", "json", "--fail-on", "never"])
            .arg(format!("samples/{sample}"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{sample}: {out:?}");
        let actual: Value = serde_json::from_slice(&out.stdout).unwrap();
        let name = sample.rsplit_once('.').map_or(*sample, |(name, _)| name);
        let golden_path = root.join(format!("tests/golden/{name}.json"));
        if bless {
            let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
            std::fs::write(&golden_path, text).unwrap();
            continue;
        }
        let golden: Value = serde_json::from_str(
            &std::fs::read_to_string(&golden_path)
                .unwrap_or_else(|e| panic!("{}: {e}", golden_path.display())),
        )
        .unwrap();
        if let Some(diff) = first_difference(String::new(), &golden, &actual) {
            panic!(
                "{sample}: report differs from tests/golden/{name}.json at {diff}\n\
                 (if the change is intended: SHENGAO_BLESS=1 cargo test --test golden)"
            );
        }
    }
}
