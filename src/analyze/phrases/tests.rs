use super::lexicon::{BUILTIN_LISTS, compile_builtin, parse_entries};
use super::*;

fn run_with(text: &str, settings: PhrasesSettings) -> Analysis {
    let doc = Document::new(text.to_string());
    let config = Config {
        phrases: settings,
        ..Config::default()
    };
    let mut out = Analysis::default();
    analyze(&doc, &config, &mut out);
    out
}

fn run(text: &str) -> Analysis {
    run_with(text, PhrasesSettings::default())
}

fn metrics(out: &Analysis) -> &PhrasesMetrics {
    out.metrics
        .phrases
        .as_ref()
        .expect("the analyzer always measures")
}

/// (rule id, text) of every finding, repeats left out.
fn found(text: &str) -> Vec<(String, String)> {
    run(text)
        .findings
        .into_iter()
        .filter(|f| f.rule != REPEATED.id)
        .map(|f| (f.rule, f.text))
        .collect()
}

#[test]
fn each_category_is_found() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "同志们：下面，我讲几点意见。",
            &[("phrase/opening", "下面，我讲几点意见")],
        ),
        (
            "现将有关情况汇报如下。",
            &[("phrase/opening", "现将有关情况汇报如下")],
        ),
        (
            "刚才，几位同志的发言都很好，我完全同意。",
            &[
                ("phrase/opening", "刚才，几位同志的发言都很好"),
                ("phrase/opening", "我完全同意"),
            ],
        ),
        (
            "我们不敢奢谈什么经验，权当抛砖引玉。",
            &[
                ("phrase/humility", "不敢奢谈什么经验"),
                ("phrase/humility", "权当抛砖引玉"),
            ],
        ),
        (
            "以上发言不当之处，敬请批评指正。谢谢大家！",
            &[
                ("phrase/closing", "以上发言不当之处，敬请批评指正"),
                ("phrase/closing", "谢谢大家"),
            ],
        ),
        (
            "不当之处，敬请批评指正。",
            &[("phrase/humility", "不当之处，敬请批评指正")],
        ),
        (
            "预祝会议圆满成功！",
            &[("phrase/closing", "预祝会议圆满成功")],
        ),
        (
            "区委高度重视，主要领导亲自过问，工作取得了明显成效。",
            &[
                ("phrase/intensifier", "高度重视"),
                ("phrase/intensifier", "亲自过问"),
                ("phrase/intensifier", "取得了明显成效"),
            ],
        ),
        (
            "要进一步加强领导，以项目建设为抓手，推动工作迈上新台阶。",
            &[
                ("phrase/slogan", "要进一步加强"),
                ("phrase/slogan", "以项目建设为抓手"),
                ("phrase/slogan", "迈上新台阶"),
            ],
        ),
        (
            "把群众利益实现好、维护好、发展好。",
            &[("phrase/slogan", "实现好、维护好、发展好")],
        ),
        (
            "一是在公文写作上突出精品意识。",
            &[("phrase/slogan", "在公文写作上突出精品意识")],
        ),
        (
            "大家要统一思想，真抓实干，攻坚克难。",
            &[
                ("phrase/cliche", "统一思想"),
                ("phrase/cliche", "真抓实干"),
                ("phrase/cliche", "攻坚克难"),
            ],
        ),
        (
            "争当全省发展的排头兵，打好政策组合拳，打通服务群众最后一公里。",
            &[
                ("phrase/metaphor", "排头兵"),
                ("phrase/metaphor", "打好政策组合拳"),
                ("phrase/metaphor", "最后一公里"),
            ],
        ),
        (
            "您反映的问题已转交相关部门，由于种种原因，目前还存在一定差距。",
            &[
                ("phrase/evasive", "您反映的问题已转交相关部门"),
                ("phrase/evasive", "由于种种原因"),
                ("phrase/evasive", "还存在一定差距"),
            ],
        ),
    ];
    for (text, want) in cases {
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(r, t)| (r.to_string(), t.to_string()))
            .collect();
        assert_eq!(found(text), want, "{text}");
    }
}

/// Set phrases in a heading's title are the genre's: only the body's are reported.
#[test]
fn headings_keep_their_set_phrases() {
    let text =
        "二、压紧压实各方责任\n各级要压紧压实各方责任。\n（一）压紧压实责任。各级要压紧压实责任。";
    let found: Vec<usize> = run(text)
        .findings
        .iter()
        .filter(|f| f.text == "压紧压实")
        .map(|f| f.span.line as usize)
        .collect();
    assert_eq!(
        found,
        [2, 3],
        "the body of line 2 and the run-in body of line 3"
    );
}

/// A report part's name (存在的问题和不足) is a heading by design, a hedge in the text; so is
/// it on a title line of its own, without a marker. A line cut from a sentence is no title.
#[test]
fn headings_may_name_report_parts() {
    let lines = |text: &str| -> Vec<u64> {
        (run(text).findings.iter())
            .filter(|f| f.rule == EVASIVE.id || f.rule == INTENSIFIER.id)
            .map(|f| f.span.line)
            .collect()
    };
    assert_eq!(
        lines("二、存在的问题和不足\n工作中存在的问题和不足还不少。"),
        [2]
    );
    assert_eq!(
        lines("今年工作有成效。\n存在的问题和不足\n工作中存在的问题和不足还不少。"),
        [3]
    );
    // The last line, a line after one that runs on, and one that ends in 《 are text.
    assert_eq!(lines("总结如下。\n存在的问题和不足"), [2]);
    assert_eq!(lines("我们要稳中求进，\n高度重视安全\n生产。"), [2]);
    assert_eq!(lines("总结如下。\n要高度重视《\n安全法》。"), [2]);
}

/// The title of a cited document is not the writer's to reword: its stock phrases are
/// neither reported nor counted; the same words outside 《》 are.
#[test]
fn cited_titles_are_left_alone() {
    let text = "学习《关于高度重视安全生产工作切实抓好落实的通知》精神，高度重视安全生产。";
    let out = run(text);
    let spans: Vec<(String, u64)> = (out.findings.iter())
        .map(|f| (f.text.clone(), f.span.column))
        .collect();
    assert_eq!(spans, [("高度重视".to_string(), 29)]);
    assert_eq!(metrics(&out).hits, 1);
    // A 《 left open cites nothing: what follows it is the writer's text.
    assert_eq!(found("学习《高度重视安全").len(), 1);
}

#[test]
fn emphasis_on_a_named_document_is_answered() {
    // 认真学习 asks 写明学了什么: the title says it.
    assert!(found("认真学习《条例》，逐条对照检查。").is_empty());
    assert!(found("认真学习了《条例》，逐条对照检查。").is_empty());
    assert!(found("认真学习贯彻《条例》，逐条对照检查。").is_empty());
    assert!(found("认真学习 《条例》，逐条对照检查。").is_empty());
    // A title further on names something else.
    assert_eq!(found("认真学习，对照《条例》检查。").len(), 1);
    assert_eq!(found("认真学习，逐条对照检查。").len(), 1);
    // A plainer wording still holds before a title.
    assert_eq!(found("认真贯彻《条例》，逐条对照检查。").len(), 1);
}

/// Parallel formulas a blind tester found missing, each taken whole.
#[test]
fn parallel_formulas_are_found() {
    let cases: &[(&str, &str)] = &[
        (
            "坚持同谋划、同部署、同推进、同考核。",
            "同谋划、同部署、同推进、同考核",
        ),
        (
            "打造叫得响、立得住、推得开的品牌。",
            "叫得响、立得住、推得开",
        ),
        (
            "把服务做实、把管理做细、把保障做优。",
            "把服务做实、把管理做细、把保障做优",
        ),
        ("把好事办好、把实事办实。", "把好事办好、把实事办实"),
        ("做到两手抓、两不误。", "两手抓、两不误"),
        ("充分调动积极性、主动性和创造性。", "积极性、主动性和创造性"),
        ("让成效落地生根、开花结果。", "落地生根、开花结果"),
        ("首先请允许我代表街道表示感谢。", "首先请允许我"),
        ("向大家汇报我们的粗浅做法。", "粗浅做法"),
    ];
    for &(text, phrase) in cases {
        let hits = found(text);
        assert!(hits.iter().any(|(_, t)| t == phrase), "{text}: {hits:?}");
    }
    // Lists of things, not formulas: no shared 得 or 同 pattern.
    assert!(found("建设看台、跑道、球场。").is_empty());
}

#[test]
fn markers_are_counted_not_reported() {
    let out = run("首先，要看清问题。其次，要找准办法。最后，要抓好落实。");
    assert!(
        out.findings.iter().all(|f| !f.text.contains("首先")),
        "{:?}",
        out.findings
    );
    let m = metrics(&out);
    assert_eq!(m.by_category.get("marker"), Some(&3));
    assert_eq!(m.hits, 0);
    assert!(m.marker_density > 0.0);
}

#[test]
fn markers_inside_other_words_are_not_counted() {
    // 同时期, 理所当然, 可以说明: the marker is part of a longer word.
    let out = run("同时期的作品很多，这理所当然，可以说明问题。");
    assert_eq!(metrics(&out).by_category.get("marker"), None);
}

#[test]
fn entry_severity_and_advice_reach_the_finding() {
    let out = run("全区上下高度重视。");
    let f = &out.findings[0];
    assert_eq!(f.rule, "phrase/intensifier");
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.suggestion.is_none(),
        "a change of style is not a certain fix"
    );
    assert!(
        f.message.contains("空泛强调") && f.message.ends_with("可改为「重视」"),
        "{}",
        f.message
    );
    let out = run("现将有关情况汇报如下。");
    assert_eq!(out.findings[0].severity, Severity::Info);
    assert!(out.findings[0].suggestion.is_none());
}

#[test]
fn quoted_phrases_are_reported_apart() {
    let text = "我们提出了“马上就办、办就办好”的要求，马上就办。";
    let out = run(text);
    let quoted: Vec<&Finding> = out
        .findings
        .iter()
        .filter(|f| f.rule == QUOTED.id)
        .collect();
    assert_eq!(quoted.len(), 1);
    assert_eq!(quoted[0].text, "马上就办、办就办好");
    assert_eq!(quoted[0].severity, Severity::Info);
    let m = metrics(&out);
    assert_eq!((m.quoted, m.hits), (1, 1));

    let settings = PhrasesSettings {
        quoted: None,
        ..PhrasesSettings::default()
    };
    let out = run_with(text, settings);
    assert!(out.findings.iter().all(|f| f.rule != QUOTED.id));
    let settings = PhrasesSettings {
        quoted: Some(Severity::Warning),
        ..PhrasesSettings::default()
    };
    let out = run_with(text, settings);
    assert!(
        out.findings
            .iter()
            .any(|f| f.rule == QUOTED.id && f.severity == Severity::Warning)
    );
}

#[test]
fn repeated_phrases_are_reported_once_at_the_first_use() {
    let text = "扎实推进改革。扎实推进开放。扎实推进创新。扎实推进发展。";
    let out = run(text);
    let repeated: Vec<&Finding> = out
        .findings
        .iter()
        .filter(|f| f.rule == REPEATED.id)
        .collect();
    assert_eq!(repeated.len(), 1);
    assert_eq!(repeated[0].span.start, 0);
    assert_eq!(repeated[0].message, "「扎实推进」全文用了 4 次");
    let m = metrics(&out);
    assert_eq!(m.repeated[0].phrase, "扎实推进");
    assert_eq!(m.repeated[0].count, 4);
    // Twice is not yet a finding, but it is in the metrics.
    let out = run("扎实推进改革。扎实推进开放。");
    assert!(out.findings.iter().all(|f| f.rule != REPEATED.id));
    assert_eq!(metrics(&out).repeated[0].count, 2);
}

#[test]
fn opening_and_closing_formulas_are_found_in_their_paragraphs() {
    let mut text = String::from("关于工作的讲话\n同志们：\n下面，我讲几点意见。\n");
    for _ in 0..6 {
        text.push_str("今年新建学校三所，修路十二公里。\n");
    }
    text.push_str("下面，我讲几点意见。\n以上讲话，不当之处，敬请批评指正。\n");
    let out = run(&text);
    let m = metrics(&out);
    assert_eq!(m.opening, ["下面，我讲几点意见"]);
    assert_eq!(m.closing, ["以上讲话", "不当之处，敬请批评指正"]);
}

#[test]
fn hits_per_sentence_and_density() {
    let out = run("高度重视。今天天气很好。亲自过问。");
    let m = metrics(&out);
    assert_eq!(m.hits, 2);
    assert!(
        (m.sentence_share - 0.667).abs() < 1e-9,
        "{}",
        m.sentence_share
    );
    // 2 hits in 14 Han characters.
    assert!((m.density - 142.857).abs() < 1e-9, "{}", m.density);
}

/// Plain prose with no officialese: a story and a how-to, written for this test.
const PLAIN: &str = "　　清早起来，外面下着小雨。我撑着伞去菜市场，路上的梧桐叶子落了一地，踩上去软软的。卖豆腐的老王已经摆好了摊子，他说今天的豆腐是凌晨三点做的，还冒着热气。我买了两块，又在隔壁买了一把小葱和几个鸡蛋。回家的路上碰见邻居张阿姨，她提着一袋橘子，非要塞给我几个，说是老家寄来的，甜得很。
　　到家以后，我先把豆腐切成小块，放进淡盐水里泡一会儿，这样煎的时候不容易碎。锅烧热，倒一点油，把豆腐一块一块摆进去，小火慢慢煎。等底面变成金黄色，再用铲子轻轻翻过来。另一面也煎好以后，加半碗水、一勺酱油、一点糖，盖上锅盖焖三分钟。最后撒上葱花，就可以出锅了。
　　吃饭的时候，女儿说豆腐比上次的好吃，问我是不是换了酱油。我说没换，只是这次火小一点，煎得久一点。她想了想，说那下次她来试试。我把剩下的橘子剥开，分给她一半。窗外的雨还没停，楼下有人在修自行车，叮叮当当的声音一直响到中午。
　　下午雨停了，我们去河边散步。河水涨了不少，颜色有点浑，几只鸭子在岸边的草丛里找吃的。女儿数了数，一共七只，其中一只走得很慢，总是落在后面。她问那只鸭子是不是生病了，我说也许它只是年纪大了。我们在长椅上坐了一会儿，看对岸的老人钓鱼。他钓了半个小时，一条也没有钓到，可是看上去一点也不着急。
　　回来的路上，女儿捡了一片很大的梧桐叶，说要夹在书里做书签。她的书包里已经有好几片这样的叶子了，有的黄，有的红，还有一片只黄了一半。晚上她把叶子一片片摊在桌上，按颜色排好，又拿手机拍了照片，说要发给外婆看。外婆很快回了消息，说她小时候也这样做过，只不过那时候夹的是银杏叶。
　　自行车链条掉了怎么办？先把车子倒过来放稳，让后轮悬空。用手指把链条挂到最小的那个齿轮上，然后一边慢慢转动脚踏板，一边把链条往大齿轮上推。链条咬住齿以后，多转几圈，听听有没有摩擦的声音。如果链条太松，就要拧松后轮的螺母，把轮子往后拉一点再拧紧。做完以后记得洗手，链条上的油很难洗掉。
　　绿茶怎么泡才不苦？水不要太烫，八十度左右就够了，刚烧开的水可以先倒进公道杯里晾一两分钟。茶叶放三克，先倒少量的水把叶子润湿，摇一摇，闻一闻香气，再沿着杯壁慢慢注水。第一泡四十秒就可以倒出来，以后每泡多加十几秒。如果喝到第四泡还觉得有味道，说明茶叶不错。泡过的茶叶不要马上倒掉，晒干以后放在冰箱里，可以吸掉一些异味。
　　亲爱的小林：你寄来的明信片收到了，上面的海真蓝。我这边刚下过一场大雪，院子里的柿子树上还挂着几个柿子，冻得硬邦邦的，鸟一来就啄两口。你说那边的房东养了一只黑猫，每天早上蹲在门口等你开门，这让我想起外婆家的那只花猫，它也总是趴在灶台边上取暖。春节你回不回来？如果回来，我们去吃学校后门那家牛肉面，听说老板的儿子接手以后，面还是那个味道，只是汤里的香菜少了。
　　图书馆二楼新开了一间自习室，桌子比以前宽，每个座位都有台灯和插座。开放时间是早上八点到晚上十点，周一上午闭馆打扫。进门要刷借书证，包可以放在门口的柜子里，柜子不用投币。室内不能打电话，也不能吃东西，喝水要用带盖的杯子。周末人多，最好早点去，九点以后基本就没有空位了。
";

#[test]
fn plain_prose_has_at_most_one_hit_per_thousand_chars() {
    let out = run(PLAIN);
    let m = metrics(&out);
    let chars = PLAIN.chars().count() as f64;
    assert!(chars >= 1000.0, "the control needs some length: {chars}");
    let reported = out.findings.len() as f64;
    assert!(
        reported * 1000.0 / chars <= 1.0,
        "{} findings in {chars} chars: {:?}",
        reported,
        out.findings
    );
    assert!(m.density * 1.0 <= 1.0, "{m:?}");
    let score = &out.scores["phrases"];
    assert!(score.value >= 95.0, "{score:?}");
    assert_eq!(score.band, "简洁");
}

const LADEN: &str = "　　同志们：下面，我讲几点意见。
　　近年来，我们高度重视，切实加强领导，扎实推进各项工作，取得了明显成效。要进一步统一思想，真抓实干，狠抓落实，推动工作迈上新台阶。
　　以上讲话，不当之处，敬请批评指正。谢谢大家！
";

#[test]
fn the_score_explains_itself() {
    let out = run(LADEN);
    let score = &out.scores["phrases"];
    assert!(score.value < 50.0, "{score:?}");
    assert_eq!(score.band, "套话连篇");
    let sum: f64 = score.parts.iter().map(|p| p.contribution).sum();
    assert!((score.value - (100.0 + sum).max(0.0)).abs() < 1e-6);
    let names: Vec<&str> = score.parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "density",
            "sentence_share",
            "repetition",
            "formulas",
            "marker_density"
        ]
    );
    for p in &score.parts {
        assert!(
            p.contribution <= 0.0 && p.contribution >= -p.weight * 100.0,
            "{p:?}"
        );
    }
}

#[test]
fn empty_and_odd_texts_do_not_panic() {
    for text in [
        "",
        "\n\n",
        "“",
        "”高度重视",
        "以",
        "要要要要要要",
        "𠀀𠀀高度重视𠀀",
        "a,b;c:d",
        "进一步",
    ] {
        let out = run(text);
        let m = metrics(&out);
        assert!(m.density.is_finite() && m.sentence_share <= 1.0, "{text}");
        assert!((0.0..=100.0).contains(&out.scores["phrases"].value));
    }
}

#[test]
fn user_lists_add_override_and_allow() {
    let user = List::new(
        "user.tsv",
        parse_entries(
            "user.tsv",
            "高度重视\tintensifier\terror\t写明措施\n三个一批\tslogan\twarning\t写明是哪三个\n",
            None,
        )
        .unwrap(),
    )
    .unwrap();
    let allow = AllowList::parse("排头兵\n");
    let mut settings = PhrasesSettings::default();
    settings.add_lists(&[Arc::new(user)], &[Arc::new(allow)]);
    let out = run_with("高度重视三个一批，争当排头兵。", settings);
    let got: Vec<(&str, Severity, &str)> = out
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity, f.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("phrase/intensifier", Severity::Error, "高度重视"),
            ("phrase/slogan", Severity::Warning, "三个一批"),
        ]
    );
}

#[test]
fn quoted_flag_values() {
    assert_eq!(parse_quoted("off"), Ok(QuotedSeverity(None)));
    assert_eq!(
        parse_quoted("warning"),
        Ok(QuotedSeverity(Some(Severity::Warning)))
    );
    assert!(parse_quoted("loud").is_err());
}

/// The lists stay sorted, free of duplicates and valid; each file holds its own category.
#[test]
fn lists_are_sorted_unique_and_valid() {
    let mut total = 0;
    for &(category, name, text) in BUILTIN_LISTS {
        assert_eq!(name, format!("{}.tsv", category.id()));
        assert!(
            text.starts_with("# "),
            "{name}: start with a comment saying what it holds"
        );
        let entries = parse_entries(name, text, Some(category)).unwrap();
        assert!(!entries.is_empty(), "{name}");
        for pair in entries.windows(2) {
            assert!(
                pair[0].phrase < pair[1].phrase,
                "{name}: `{}` must come after `{}` (sorted, no duplicates)",
                pair[0].phrase,
                pair[1].phrase
            );
        }
        total += entries.len();
    }
    // Duplicates across lists, after normalisation, fail to compile.
    let list = compile_builtin().unwrap();
    assert_eq!(list.entries().len(), total);
    assert!(total >= 500, "{total} entries");
    for category in Category::ALL {
        let n = list
            .entries()
            .iter()
            .filter(|e| e.category == category)
            .count();
        assert!(n >= 20, "{}: only {n} entries", category.id());
    }
}

/// A text that a template matches: the first alternative of each group, one pass of each
/// repeat's minimum, 工作 for a free slot and 改 for each character of a `<n>` slot.
fn instance(template: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    let mut group_start: Vec<usize> = Vec::new();
    let mut skipping = 0usize;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' => {
                if skipping > 0 {
                    skipping += 1;
                } else {
                    group_start.push(out.len());
                }
            }
            ')' => {
                if skipping > 1 {
                    skipping -= 1;
                } else {
                    skipping = 0;
                    let start = group_start.pop().unwrap();
                    let body = out[start..].to_string();
                    if chars.get(i + 1) == Some(&'{') {
                        let close = i + chars[i..].iter().position(|&c| c == '}').unwrap();
                        let spec: String = chars[i + 2..close].iter().collect();
                        let min: usize = spec.split(',').next().unwrap().parse().unwrap();
                        out.truncate(start);
                        for _ in 0..min {
                            out.push_str(&body);
                        }
                        i = close;
                    }
                }
            }
            '|' if skipping == 0 => skipping = 1,
            _ if skipping > 0 => {}
            '…' => out.push_str("工作"),
            '<' => {
                let close = i + chars[i..].iter().position(|&c| c == '>').unwrap();
                let lo = chars[i + 1].to_digit(10).unwrap() as usize;
                out.push_str(&"改".repeat(lo));
                i = close;
            }
            '?' => {}
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[test]
fn template_instances() {
    assert_eq!(instance("进一步<2>好?"), "进一步改改好");
    assert_eq!(instance("(<1-3>好、){2,}<1-3>好"), "改好、改好、改好");
    assert_eq!(instance("在…上突出…意识"), "在工作上突出工作意识");
    assert_eq!(instance("奋力(谱写|书写)…篇章"), "奋力谱写工作篇章");
}

/// Every entry can match: alone in a text (its own phrase, or an instance of its template),
/// it is the hit that wins, with the word boundaries jieba gives that text.
#[test]
fn no_entry_is_shadowed() {
    let lexicon = Lexicon::default();
    let list = &lexicon.lists[0];
    let mut shadowed = Vec::new();
    for (i, entry) in list.entries().iter().enumerate() {
        let text = if entry.is_template() {
            instance(&entry.phrase)
        } else {
            entry.phrase.clone()
        };
        let doc = Document::new(text.clone());
        let boundaries = word_boundaries(&doc);
        let hits = lexicon.find(&doc.text, &|b| boundaries[b]);
        if !hits.iter().any(|h| h.entry == i && h.list == 0) {
            let winners: Vec<&str> = hits
                .iter()
                .map(|h| lexicon.entry(h).phrase.as_str())
                .collect();
            shadowed.push(format!("{} in 「{text}」 (won: {winners:?})", entry.phrase));
        }
    }
    assert!(shadowed.is_empty(), "never match:\n{}", shadowed.join("\n"));
}

/// `dictionaries/user.dict` (jieba's `word freq tag` format): sorted, unique, well-formed,
/// and every word is one that jieba's own dictionary splits and the user dictionary joins,
/// alone and inside a sentence.
#[test]
fn user_dict_joins_terms_jieba_splits() {
    use jieba_rs::Jieba;
    let text = include_str!("../../../dictionaries/user.dict");
    let words: Vec<&str> = text
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split(' ').collect();
            assert_eq!(fields.len(), 3, "`{line}`: want word freq tag");
            assert!(fields[1].parse::<u32>().is_ok_and(|f| f > 0), "{line}");
            assert_eq!(crate::segment::static_tag(fields[2]), fields[2], "{line}");
            fields[0]
        })
        .collect();
    assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
    let plain = Jieba::new();
    let mut joined = Jieba::new();
    joined
        .load_dict(&mut std::io::BufReader::new(text.as_bytes()))
        .unwrap();
    for word in words {
        assert!(
            plain.cut(word, true).len() > 1,
            "{word}: jieba keeps it whole already"
        );
        let sentence = format!("我们要把{word}放在心上。");
        let tokens: Vec<&str> = joined.cut(&sentence, true).iter().map(|t| t.word).collect();
        assert!(tokens.contains(&word), "{word}: {tokens:?}");
    }
}

#[test]
fn messages_lead_with_the_category() {
    let messages = |text: &str, rule: &str| -> Vec<String> {
        (run(text).findings.into_iter())
            .filter(|f| f.rule == rule)
            .map(|f| f.message)
            .collect()
    };
    // A template is shown by its first use.
    assert_eq!(
        messages("进一步做好甲。进一步抓好乙。进一步搞好丙。", REPEATED.id),
        ["「进一步…」句式全文用了 3 次，如「进一步做好」"]
    );
    assert_eq!(
        messages("他说：“要高度重视。”", QUOTED.id),
        ["空泛强调（在引号内，如系有意引用可不改）"]
    );
    assert_eq!(
        messages("对此要高度重视。", INTENSIFIER.id),
        ["空泛强调：可改为「重视」"]
    );
}

#[test]
fn announced_points_are_one_entry_whatever_the_count() {
    for text in [
        "下面，我讲三点意见。",
        "下面，我讲四点意见。",
        "下面，我谈六点看法。",
    ] {
        let rules: Vec<String> = found(text).into_iter().map(|(rule, _)| rule).collect();
        assert_eq!(rules, [OPENING.id], "{text}");
    }
    // The formula the procedure requires is not a stock phrase.
    assert!(found("现在，我代表镇人民政府，向大会报告工作，请予审议。").is_empty());
}
