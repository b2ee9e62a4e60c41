//! Tables of Chinese in, findings and fixed text out, for every rule.

use proptest::prelude::*;

use super::*;
use crate::fix::{Edit, apply_edits};

fn scan(text: &str) -> Vec<Hit> {
    scan_paragraph(text, false).hits
}

fn edits(hits: Vec<Hit>) -> Vec<Edit> {
    hits.into_iter()
        .filter_map(|h| {
            h.suggestion.map(|replacement| Edit {
                range: h.range,
                replacement,
            })
        })
        .collect()
}

/// Applies the suggestions until none is left (a few passes at most).
fn fix_fully(text: &str) -> String {
    let mut text = text.to_string();
    for _ in 0..8 {
        let (fixed, applied) = apply_edits(&text, &edits(scan(&text)));
        if applied == 0 {
            break;
        }
        text = fixed;
    }
    text
}

type Case<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)], &'a str);

/// Each case: a paragraph, the findings of `rule` in it as (span text, suggestion), and
/// the paragraph with every suggestion applied. No other rule may fire, and the fixed
/// text must carry no further suggestion.
fn table(rule: &Rule, cases: &[Case]) {
    for &(input, want, fixed) in cases {
        let hits = scan(input);
        let others: Vec<_> = hits.iter().filter(|h| h.rule.id != rule.id).collect();
        assert!(others.is_empty(), "{input}: other rules fired: {others:?}");
        let got: Vec<(&str, Option<&str>)> = hits
            .iter()
            .map(|h| (&input[h.range.clone()], h.suggestion.as_deref()))
            .collect();
        assert_eq!(got, want, "findings for {input}");
        assert_eq!(fix_fully(input), fixed, "fixed text for {input}");
        let again: Vec<_> = scan(fixed)
            .into_iter()
            .filter(|h| h.suggestion.is_some())
            .collect();
        assert!(again.is_empty(), "{fixed}: still suggests {again:?}");
    }
}

#[test]
fn halfwidth_punctuation() {
    table(
        &HALFWIDTH_PUNCTUATION,
        &[
            (
                "我们要坚持稳中求进,推动高质量发展。",
                &[(",", Some("，"))],
                "我们要坚持稳中求进，推动高质量发展。",
            ),
            (
                "主要任务:一是稳增长;二是促改革。",
                &[(":", Some("：")), (";", Some("；"))],
                "主要任务：一是稳增长；二是促改革。",
            ),
            (
                "这是为什么?我们必须回答!",
                &[("?", Some("？")), ("!", Some("！"))],
                "这是为什么？我们必须回答！",
            ),
            (
                "印发《实施方案(试行)》的通知",
                &[("(", Some("（")), (")", Some("）"))],
                "印发《实施方案（试行）》的通知",
            ),
            ("我们 , 要坚持", &[(" , ", Some("，"))], "我们，要坚持"),
            (
                "“稳”的态势巩固延续,主要表现在",
                &[(",", Some("，"))],
                "“稳”的态势巩固延续，主要表现在",
            ),
            ("增长5%,达到新高", &[(",", Some("，"))], "增长5%，达到新高"),
            (
                "县(处)级以上领导干部",
                &[("(", Some("（")), (")", Some("）"))],
                "县（处）级以上领导干部",
            ),
            ("办法（试行)", &[(")", Some("）"))], "办法（试行）"),
            (
                "英文缩写为GDP (国内生产总值)",
                &[(" (", Some("（")), (")", Some("）"))],
                "英文缩写为GDP（国内生产总值）",
            ),
            ("我们要坚定信心.", &[(".", Some("。"))], "我们要坚定信心。"),
            // Left alone: numbers, times, English, URLs, quoted text, reference lists,
            // heading numbers.
            (
                "增长3.5%，时间为10:30，比例为3:7。",
                &[],
                "增长3.5%，时间为10:30，比例为3:7。",
            ),
            ("参阅Hello, world一文。", &[], "参阅Hello, world一文。"),
            (
                "详见http://www.gov.cn/a?b=1,c=2。",
                &[],
                "详见http://www.gov.cn/a?b=1,c=2。",
            ),
            // Without a scheme and in capitals: masked all the same.
            ("详见WWW.GOV.CN/a(b)。", &[], "详见WWW.GOV.CN/a(b)。"),
            // Quoted words are reported but not changed.
            (
                "他说：“我们,要坚持!”",
                &[(",", None), ("!", None)],
                "他说：“我们,要坚持!”",
            ),
            (
                "[3] 李卫.医疗器械临床试验统计方法",
                &[],
                "[3] 李卫.医疗器械临床试验统计方法",
            ),
            ("(1)加强组织领导", &[], "(1)加强组织领导"),
            ("1)加强组织领导", &[], "1)加强组织领导"),
            ("total (in USD) 100", &[], "total (in USD) 100"),
        ],
    );
}

#[test]
fn stray_space() {
    table(
        &STRAY_SPACE,
        &[
            // Joint issuers are written with a space between them.
            (
                "根据《中共中央 国务院关于构建数据基础制度更好发挥数据要素作用的意见》，我们制定了本方案。",
                &[],
                "根据《中共中央 国务院关于构建数据基础制度更好发挥数据要素作用的意见》，我们制定了本方案。",
            ),
            (
                "中共中央办公厅 国务院办公厅印发了通知，省委 省政府作出部署，国家发展改革委 财政部联合发文",
                &[],
                "中共中央办公厅 国务院办公厅印发了通知，省委 省政府作出部署，国家发展改革委 财政部联合发文",
            ),
            // Not every word that ends in 部 names a body.
            (
                "我们已经全部 完成了今年的各项任务，群众满意度明显提升。",
                &[(" ", Some(""))],
                "我们已经全部完成了今年的各项任务，群众满意度明显提升。",
            ),
            (
                "加快实施 “走出去”战略，",
                &[(" ", Some(""))],
                "加快实施“走出去”战略，",
            ),
            (
                "一、 过去五年工作回顾",
                &[(" ", Some(""))],
                "一、过去五年工作回顾",
            ),
            (
                "（六） 更加注重社会建设",
                &[(" ", Some(""))],
                "（六）更加注重社会建设",
            ),
            (
                "对非共产党人士的职权　不够尊重，甚至",
                &[("　", Some(""))],
                "对非共产党人士的职权不够尊重，甚至",
            ),
            (
                "“安全第一，综合治理 ”的方针，",
                &[(" ", Some(""))],
                "“安全第一，综合治理”的方针，",
            ),
            ("推动\u{200B}发展", &[("\u{200B}", Some(""))], "推动发展"),
            (
                "的 制 造 任 务 协 同 能力，",
                &[(" ", None)],
                "的 制 造 任 务 协 同 能力，",
            ),
            ("工业— 农业国家", &[(" ", Some(""))], "工业—农业国家"),
            // Four spaces scattered over a long line (as over the joined lines of a
            // hard-wrapped paragraph) are stray, one by one, not a letter-spaced line.
            (
                "推动 发展，加强工作落实到位，推进改革 开放，坚持稳中求进工作总基调，完整准确全面 贯彻新发展理念，加快构建 新发展格局。",
                &[
                    (" ", Some("")),
                    (" ", Some("")),
                    (" ", Some("")),
                    (" ", Some("")),
                ],
                "推动发展，加强工作落实到位，推进改革开放，坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。",
            ),
            // Left alone: indentation, line ends, spaces beside Latin letters and numbers,
            // layout lines without sentence punctuation, quoted text.
            ("　　现在，我代表国务院。", &[], "　　现在，我代表国务院。"),
            ("现在，我代表国务院。  ", &[], "现在，我代表国务院。  "),
            (
                "使用 AI 技术，在 2024 年完成。",
                &[],
                "使用 AI 技术，在 2024 年完成。",
            ),
            ("上海市市长 龚 正", &[], "上海市市长 龚 正"),
            (
                "第二十四条　各级部门建立资源库。",
                &[],
                "第二十四条　各级部门建立资源库。",
            ),
            (
                "（五）加强能力建设 充分利用现有条件。",
                &[],
                "（五）加强能力建设 充分利用现有条件。",
            ),
            ("— 23 —", &[], "— 23 —"),
            // Table rows: columns set apart by tabs or two spaces or more.
            (
                "设施类型　　数量（个）　　床位（张）　　使用率",
                &[],
                "设施类型　　数量（个）　　床位（张）　　使用率",
            ),
            ("村卫生室\t231\t—\t—", &[], "村卫生室\t231\t—\t—"),
            ("数量（个）  床位（张）", &[], "数量（个）  床位（张）"),
            (
                "（一）\t指导思想。",
                &[("\t", Some(""))],
                "（一）指导思想。",
            ),
            (
                "招商引资\t完成年度任务的95%，比上年提高3个百分点。",
                &[],
                "招商引资\t完成年度任务的95%，比上年提高3个百分点。",
            ),
            // One space beside a full-width mark is still stray, and so are two in prose.
            (
                "数量（个） 床位（张）",
                &[(" ", Some(""))],
                "数量（个）床位（张）",
            ),
            (
                "我们（个人）  要坚持。",
                &[("  ", Some(""))],
                "我们（个人）要坚持。",
            ),
            ("政 府 工 作 报 告", &[], "政 府 工 作 报 告"),
            (
                "用好“小网格” 服务“大民生”",
                &[],
                "用好“小网格” 服务“大民生”",
            ),
            (
                "他说：“我们 要坚持”。",
                &[(" ", None)],
                "他说：“我们 要坚持”。",
            ),
            (
                "他说：“ 我们要坚持”。",
                &[(" ", Some(""))],
                "他说：“我们要坚持”。",
            ),
        ],
    );
}

#[test]
fn unbalanced_marks() {
    table(
        &UNBALANCED_MARKS,
        &[
            (
                "他强调：“要坚持稳中求进。",
                &[("“", None)],
                "他强调：“要坚持稳中求进。",
            ),
            (
                "他强调：要坚持稳中求进。”",
                &[("”", None)],
                "他强调：要坚持稳中求进。”",
            ),
            (
                "会议（“十四五）”规划",
                &[("）", None)],
                "会议（“十四五）”规划",
            ),
            ("会议（“十四五）规划", &[("“", None)], "会议（“十四五）规划"),
            ("会议（十四五规划", &[("（", None)], "会议（十四五规划"),
            ("他说“好“。", &[("“", Some("”"))], "他说“好”。"),
            ("他说”好”。", &[("”", Some("“"))], "他说“好”。"),
            (
                "《中国工人》发刊词》",
                &[("》", None)],
                "《中国工人》发刊词》",
            ),
            ("【重要通知", &[("【", None)], "【重要通知"),
            ("人民日报】评论", &[("】", None)], "人民日报】评论"),
            ("“六五’期间", &[("’", Some("”"))], "“六五”期间"),
            ("“这是‘好”。”", &[("”", None)], "“这是‘好”。”"),
            // Balanced, nested, a list number, an apostrophe.
            (
                "包括：1）道路；2）交通；3)天气",
                &[],
                "包括：1）道路；2）交通；3)天气",
            ),
            (
                "办好“中国’99昆明世界园艺博览会”",
                &[],
                "办好“中国’99昆明世界园艺博览会”",
            ),
            ("《〈中国工人〉发刊词》", &[], "《〈中国工人〉发刊词》"),
            ("“他说‘好’。”", &[], "“他说‘好’。”"),
            ("1）加强组织领导", &[], "1）加强组织领导"),
            ("（一）指导思想", &[], "（一）指导思想"),
        ],
    );
}

#[test]
fn wrapped_lines_form_one_block() {
    let text = "根据《\n中华人民共和国著作权法\n》第五条。\n下一段“引语”。\n\n一、标题\n正文。";
    let doc = Document::new(text.to_string());
    let got: Vec<&str> = blocks(&doc.text, &doc.paragraphs)
        .into_iter()
        .map(|(range, _)| &text[range])
        .collect();
    assert_eq!(
        got,
        [
            "根据《\n中华人民共和国著作权法\n》第五条。",
            "下一段“引语”。",
            "一、标题\n正文。"
        ]
    );
    let texts: Vec<&str> = got.clone();
    assert!(scan_paragraphs(&texts).is_empty());
}

#[test]
fn quotation_running_over_paragraphs() {
    let draft = ["他说：“第一段。", "“第二段。", "“第三段。”"];
    assert!(scan_paragraphs(&draft).is_empty());
    let broken = ["他说：“第一段。", "第二段。"];
    let hits = scan_paragraphs(&broken);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].0, 0);
    assert_eq!(&broken[0][hits[0].1.range.clone()], "“");
}

#[test]
fn quote_style() {
    table(
        &QUOTE_STYLE,
        &[
            (
                "加强\"三河三湖\"等重点流域",
                &[("\"三河三湖\"", Some("“三河三湖”"))],
                "加强“三河三湖”等重点流域",
            ),
            (
                "老年人面临的“数字化生存\"问题",
                &[("“数字化生存\"", Some("“数字化生存”"))],
                "老年人面临的“数字化生存”问题",
            ),
            (
                "这就是「教条主义」。",
                &[("「教条主义」", Some("“教条主义”"))],
                "这就是“教条主义”。",
            ),
            (
                "构建‘人工智能+X’复合型人才",
                &[("‘人工智能+X’", Some("“人工智能+X”"))],
                "构建“人工智能+X”复合型人才",
            ),
            (
                "提出“开展专项债券项目“自审自发”试点”。",
                &[("“自审自发”", Some("‘自审自发’"))],
                "提出“开展专项债券项目‘自审自发’试点”。",
            ),
            (
                "他说‘要“稳”’。",
                &[("‘要“稳”’", Some("“要‘稳’”"))],
                "他说“要‘稳’”。",
            ),
            // English quotes and apostrophes are not ours.
            (
                "他用英文写 \"hello\" 一词，Xi'an 也是。",
                &[],
                "他用英文写 \"hello\" 一词，Xi'an 也是。",
            ),
        ],
    );
}

#[test]
fn quoted_list_comma() {
    table(
        &QUOTED_LIST_COMMA,
        &[
            (
                "落实“爱国者治港”、“爱国者治澳”原则。",
                &[("、", Some(""))],
                "落实“爱国者治港”“爱国者治澳”原则。",
            ),
            (
                "《红楼梦》、《三国演义》、《西游记》",
                &[("、", Some("")), ("、", Some(""))],
                "《红楼梦》《三国演义》《西游记》",
            ),
            // A series with unquoted items, a bracketed note between, consecutive
            // quotations, a list already without 顿号.
            (
                "贯彻“一国两制”、“港人治港”、高度自治的方针",
                &[],
                "贯彻“一国两制”、“港人治港”、高度自治的方针",
            ),
            (
                "《红楼梦》（曹雪芹）、《西游记》",
                &[],
                "《红楼梦》（曹雪芹）、《西游记》",
            ),
            (
                "他说：“要坚持。”“要改革。”",
                &[],
                "他说：“要坚持。”“要改革。”",
            ),
            ("推进“煤改气”“煤改电”。", &[], "推进“煤改气”“煤改电”。"),
        ],
    );
}

/// A stray space beside a 顿号 between quoted items hides neither finding: `check` shows
/// every change `fix` makes.
#[test]
fn quoted_list_comma_beside_a_stray_space() {
    let draft = ["做到“早”、“快”、 “实”。"];
    let got: Vec<(&str, &str)> = scan_paragraphs(&draft)
        .iter()
        .map(|(_, h)| (h.rule.id, &draft[0][h.range.clone()]))
        .collect();
    assert_eq!(
        got,
        [
            (QUOTED_LIST_COMMA.id, "、"),
            (QUOTED_LIST_COMMA.id, "、"),
            (STRAY_SPACE.id, " "),
        ]
    );
    // One pass of what check shows already gives the whole fix.
    let (once, _) = apply_edits(draft[0], &edits(scan(draft[0])));
    assert_eq!(once, "做到“早”“快”“实”。");
    assert_eq!(fix_fully(draft[0]), once);
}

#[test]
fn quoted_list_comma_mixed_in_one_draft() {
    let draft = [
        "推进“煤改气”“煤改电”。",
        "做好“六稳”、“六保”工作。",
        "进行“三反”“五反”斗争。",
    ];
    let hits = scan_paragraphs(&draft);
    let got: Vec<(usize, &str, &str)> = hits
        .iter()
        .map(|(i, h)| (*i, h.rule.id, &draft[*i][h.range.clone()]))
        .collect();
    assert_eq!(
        got,
        [
            (1, QUOTED_LIST_COMMA.id, "、"),
            (1, QUOTED_LIST_COMMA_MIXED.id, "、"),
        ]
    );
    let consistent = ["推进“煤改气”“煤改电”。", "进行“三反”“五反”斗争。"];
    assert!(scan_paragraphs(&consistent).is_empty());
}

#[test]
fn repeated_punctuation() {
    table(
        &REPEATED_PUNCTUATION,
        &[
            (
                "精神状态，，工作作风",
                &[("，，", Some("，"))],
                "精神状态，工作作风",
            ),
            (
                "可解释性、、可预测性",
                &[("、、", Some("、"))],
                "可解释性、可预测性",
            ),
            ("完成任务。。", &[("。。", Some("。"))], "完成任务。"),
            ("主要是：：一", &[("：：", Some("："))], "主要是：一"),
            ("推动发展，。", &[("，。", None)], "推动发展，。"),
            ("这是为什么？？", &[], "这是为什么？？"),
            ("好！！", &[], "好！！"),
        ],
    );
}

#[test]
fn ellipsis() {
    table(
        &ELLIPSIS,
        &[
            (
                "科技、人才...等方面",
                &[("...", Some("……"))],
                "科技、人才……等方面",
            ),
            ("推进改革…", &[("…", Some("……"))], "推进改革……"),
            ("推进改革。。。", &[("。。。", Some("……"))], "推进改革……"),
            ("推进改革⋯⋯", &[("⋯⋯", Some("……"))], "推进改革……"),
            ("推进改革………", &[("………", Some("……"))], "推进改革……"),
            ("推进改革···", &[("···", Some("……"))], "推进改革……"),
            ("推进改革……", &[], "推进改革……"),
            ("一、总体要求..........1", &[], "一、总体要求..........1"),
            ("一、总体要求……………… 12", &[], "一、总体要求……………… 12"),
            ("and so on...", &[], "and so on..."),
            (
                "前 言.............. 1 一、总体要求",
                &[],
                "前 言.............. 1 一、总体要求",
            ),
        ],
    );
}

#[test]
fn dash() {
    table(
        &DASH,
        &[
            (
                "--我们要推动经济发展。",
                &[("--", Some("——"))],
                "——我们要推动经济发展。",
            ),
            (
                "—2026年2月3日在大会上",
                &[("—", Some("——"))],
                "——2026年2月3日在大会上",
            ),
            (
                "――2026年1月27日在大会上",
                &[("――", Some("——"))],
                "——2026年1月27日在大会上",
            ),
            (
                "“十四五”—我们的目标",
                &[("—", Some("——"))],
                "“十四五”——我们的目标",
            ),
            ("目标———建设强省", &[("———", Some("——"))], "目标——建设强省"),
            ("改革－－开放", &[("－－", Some("——"))], "改革——开放"),
            // A command-line option is no dash.
            ("参数--jobs可省略", &[], "参数--jobs可省略"),
            ("——2026年2月3日在大会上", &[], "——2026年2月3日在大会上"),
            ("中国—东盟自贸区", &[], "中国—东盟自贸区"),
            // A — alone in a table cell stands for no data, also where a tab sets it apart
            // in a row of figures or sentences.
            ("1,234.5\t1,000.0\t—", &[], "1,234.5\t1,000.0\t—"),
            // Columns set apart by spaces: the commas between digits do not make it prose.
            ("1,234.5　　1,000.0　　—", &[], "1,234.5　　1,000.0　　—"),
            (
                "村卫生室　　231　　—　　—",
                &[],
                "村卫生室　　231　　—　　—",
            ),
            ("村卫生室\t—\t12", &[], "村卫生室\t—\t12"),
            ("（2021—2025年）", &[], "（2021—2025年）"),
            ("A--B and 2020-2025", &[], "A--B and 2020-2025"),
        ],
    );
    // Spaced apart in a sentence, a single — is a dash; with stray-space's fix it is set tight.
    assert_eq!(
        fix_fully("这项工作 — 我认为 — 还要加强。"),
        "这项工作——我认为——还要加强。"
    );
}

#[test]
fn approximate_number_comma() {
    table(
        &APPROXIMATE_NUMBER_COMMA,
        &[
            (
                "距县城八、九公里",
                &[("八、九", Some("八九"))],
                "距县城八九公里",
            ),
            (
                "用三、四个月时间",
                &[("三、四", Some("三四"))],
                "用三四个月时间",
            ),
            (
                "大约五、六十年前",
                &[("五、六", Some("五六"))],
                "大约五六十年前",
            ),
            ("增加两、三倍", &[("两、三", Some("两三"))], "增加两三倍"),
            (
                "减少百分之二、三的占用",
                &[("二、三", Some("二三"))],
                "减少百分之二三的占用",
            ),
            ("一、二年级学生", &[], "一、二年级学生"),
            ("第三、四季度", &[], "第三、四季度"),
            ("发展农村二、三产业", &[], "发展农村二、三产业"),
            ("一、二、三产业", &[], "一、二、三产业"),
            ("三、四个坚持", &[], "三、四个坚持"),
            ("二、三级医院", &[], "二、三级医院"),
            ("统一、一致", &[], "统一、一致"),
        ],
    );
}

#[test]
fn percent_range() {
    table(
        &PERCENT_RANGE_FORM,
        &[
            (
                "利润下降3-5%。",
                &[("3-5%", Some("3%～5%"))],
                "利润下降3%～5%。",
            ),
            (
                "增长3%-5.5%",
                &[("3%-5.5%", Some("3%～5.5%"))],
                "增长3%～5.5%",
            ),
            ("占10～20%", &[("10～20%", Some("10%～20%"))], "占10%～20%"),
            ("占10%～20%", &[], "占10%～20%"),
            ("标准ISO-5%", &[], "标准ISO-5%"),
            ("增长5%", &[], "增长5%"),
        ],
    );
}

#[test]
fn time_range() {
    table(
        &TIME_RANGE,
        &[
            (
                "《2024-2025年行动计划》",
                &[("-", Some("—"))],
                "《2024—2025年行动计划》",
            ),
            ("1–9月累计增长", &[("–", Some("—"))], "1—9月累计增长"),
            ("2016－2020年", &[("－", Some("—"))], "2016—2020年"),
            ("2024—2025年", &[], "2024—2025年"),
            // Dates, codes and what is no range.
            ("2024-05-01起施行", &[], "2024-05-01起施行"),
            ("GB/T 1704-2012年版", &[], "GB/T 1704-2012年版"),
            ("ABC-12月刊", &[], "ABC-12月刊"),
            ("9-3月", &[], "9-3月"),
            ("2025-2024年", &[], "2025-2024年"),
            ("13-15月", &[], "13-15月"),
        ],
    );
}

#[test]
fn short_year() {
    table(
        &SHORT_YEAR,
        &[
            (
                "到25年底基本完成",
                &[("25", Some("2025"))],
                "到2025年底基本完成",
            ),
            ("24年3月召开", &[("24", Some("2024"))], "2024年3月召开"),
            ("'21年度预算", &[("'21", Some("2021"))], "2021年度预算"),
            ("98年上半年", &[("98", Some("1998"))], "1998年上半年"),
            ("45年底", &[("45", None)], "45年底"),
            ("比21年增加5家", &[("21", Some("2021"))], "比2021年增加5家"),
            ("与23年相比", &[("23", Some("2023"))], "与2023年相比"),
            ("比10年前多", &[], "比10年前多"),
            ("较15年来增长", &[], "较15年来增长"),
            ("连续16年排名第一", &[], "连续16年排名第一"),
            ("再延长30年试点", &[], "再延长30年试点"),
            ("2024年3月", &[], "2024年3月"),
            ("到１９９７年７月１日", &[], "到１９９７年７月１日"),
        ],
    );
}

#[test]
fn mixed_date_numerals() {
    table(
        &MIXED_DATE_NUMERALS,
        &[
            ("二〇二六年5月", &[("二〇二六年5月", None)], "二〇二六年5月"),
            (
                "于2026年五月十日召开",
                &[("2026年五月十日", None)],
                "于2026年五月十日召开",
            ),
            ("定于5月十日召开", &[("5月十日", None)], "定于5月十日召开"),
            ("于2026年5月10日召开", &[], "于2026年5月10日召开"),
            ("于二〇二六年五月十日召开", &[], "于二〇二六年五月十日召开"),
        ],
    );
}

#[test]
fn document_number() {
    table(
        &DOCUMENT_NUMBER,
        &[
            (
                "国办发[2024]1号",
                &[("[2024]1号", Some("〔2024〕1号"))],
                "国办发〔2024〕1号",
            ),
            (
                "人社部发〔2021)73号",
                &[("〔2021)73号", Some("〔2021〕73号"))],
                "人社部发〔2021〕73号",
            ),
            (
                "国发（2024）01号",
                &[("（2024）01号", Some("〔2024〕1号"))],
                "国发〔2024〕1号",
            ),
            (
                "国发〔24〕1号",
                &[("〔24〕1号", Some("〔2024〕1号"))],
                "国发〔2024〕1号",
            ),
            (
                "国发〔2024〕第1号",
                &[("〔2024〕第1号", None)],
                "国发〔2024〕第1号",
            ),
            (
                "国发〔2024〕 1号",
                &[("〔2024〕 1号", Some("〔2024〕1号"))],
                "国发〔2024〕1号",
            ),
            (
                "《通知》（国办发〔2024〕1号）",
                &[],
                "《通知》（国办发〔2024〕1号）",
            ),
        ],
    );
}

#[test]
fn date_format() {
    table(
        &DATE_FORMAT,
        &[
            (
                "2024年01月05日",
                &[("2024年01月05日", Some("2024年1月5日"))],
                "2024年1月5日",
            ),
            (
                "于12月05日召开",
                &[("12月05日", Some("12月5日"))],
                "于12月5日召开",
            ),
            ("2023年2月29日", &[("2023年2月29日", None)], "2023年2月29日"),
            ("2024年13月1日", &[("2024年13月1日", None)], "2024年13月1日"),
            (
                "二〇二四年一月十五日",
                &[("二〇二四年一月十五日", None)],
                "二〇二四年一月十五日",
            ),
            ("2024年2月29日", &[], "2024年2月29日"),
            ("2024年1月15日", &[], "2024年1月15日"),
            // The spoken 号 of a day; 5号楼 is a building.
            (
                "2025年3月5号召开",
                &[("号", Some("日"))],
                "2025年3月5日召开",
            ),
            ("3月06号完成", &[("3月06号", Some("3月6日"))], "3月6日完成"),
            ("3月5号楼", &[], "3月5号楼"),
        ],
    );
}

#[test]
fn every_rule_is_listed_once_with_three_part_explanation() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len());
    for rule in RULES {
        assert!(rule.id.starts_with("typography/"), "{}", rule.id);
        assert_eq!(rule.explanation.split("\n\n").count(), 3, "{}", rule.id);
        assert!(rule.explanation.contains("Example:"), "{}", rule.id);
    }
}

#[test]
fn pathological_input_takes_linear_time() {
    // Each of these was quadratic in an earlier draft of a check; at 200,000 characters a
    // quadratic check would run for minutes.
    let n = 100_000;
    let inputs = [
        format!("{}{}", "（".repeat(n), "》".repeat(n)),
        format!("{}{}", "“（".repeat(n / 2), "”".repeat(n)),
        format!("甲{}，{}乙", " ".repeat(n), " ".repeat(n)),
        "我 们 — ".repeat(n / 4),
        format!("{}{}", "　".repeat(n / 2), "我 们 ".repeat(n / 8)),
        "一、二个 ".repeat(n / 5),
        "第十条 ，".repeat(n / 5),
    ];
    for text in &inputs {
        let start = std::time::Instant::now();
        let hits = scan_paragraph(text, false).hits;
        assert!(start.elapsed().as_secs() < 20, "{} hits", hits.len());
    }
}

fn han(text: &str) -> String {
    text.chars().filter(|&c| is_han(c)).collect()
}

/// Whether fixing kept every Han character in place: only date-format turns 号 into 日
/// (1月2号 → 1月2日), one for one.
fn keeps_han(fixed: &str, text: &str) -> bool {
    let (fixed, text): (Vec<char>, Vec<char>) =
        (han(fixed).chars().collect(), han(text).chars().collect());
    fixed.len() == text.len()
        && (fixed.iter().zip(&text)).all(|(&f, &t)| f == t || (t == '号' && f == '日'))
}

#[test]
fn keeps_han_allows_only_hao_to_ri() {
    assert!(keeps_han("1月2日", "1月2号"));
    assert!(!keeps_han("1月2号", "1月2日"));
    assert!(!keeps_han("我", "我们"));
    // The property's alphabet can write a date that the fix turns into …日.
    let date = "2025年1月2号";
    assert_ne!(han(&fix_fully(date)), han(date));
    assert!(keeps_han(&fix_fully(date), date));
}

const ALPHABET: &[char] = &[
    '我', '们', '发', '展', '国', '办', '年', '月', '日', '第', '一', '二', '三', '八', '九', '十',
    '〇', '号', '公', '里', '个', '，', '。', '、', '；', '：', '？', '！', '“', '”', '‘', '’',
    '《', '》', '（', '）', '【', '】', '〔', '〕', '「', '」', '…', '—', ',', ';', ':', '?', '!',
    '(', ')', '.', '"', '\'', '-', '[', ']', ' ', '　', '\u{200B}', '\n', '0', '1', '2', '4', '9',
    'a', 'Z', '/', '%', '·', '⋯', '―', '－',
];

proptest! {
    #[test]
    fn fixing_keeps_every_han_character_and_settles(
        chars in prop::collection::vec(prop::sample::select(ALPHABET), 0..48)
    ) {
        let text: String = chars.into_iter().collect();
        let fixed = fix_fully(&text);
        prop_assert!(keeps_han(&fixed, &text), "{} → {}", text, fixed);
        prop_assert_eq!(fix_fully(&fixed), fixed.clone());
        for hit in scan(&text) {
            prop_assert!(text.is_char_boundary(hit.range.start) && text.is_char_boundary(hit.range.end));
            prop_assert!(hit.range.start <= hit.range.end && hit.range.end <= text.len());
        }
    }
}

#[test]
fn messages_name_the_marks_in_chinese() {
    let messages =
        |text: &str| -> Vec<String> { scan(text).into_iter().map(|h| h.message).collect() };
    assert_eq!(messages("工作,很好"), ["中文里用了半角「,」，应为「，」"]);
    assert_eq!(messages("要点）不对"), ["「）」前面没有与之配对的标号"]);
    assert_eq!(messages("好，，不好"), ["「，」连用了 2 个"]);
    assert_eq!(messages("还有--破折号"), ["破折号写成了「--」，应为「——」"]);
    // A corner quote is named in “”, not nested in 「」.
    assert_eq!(
        messages("他说「好」了"),
        ["直角引号用于竖排文字：应写作 “…”，不写作 「…」"]
    );
    assert_eq!(quote('」'), "“」”");
    // Quoted words are reported, not fixed, and the message says so.
    assert_eq!(
        messages("他说：“工作,很好。”"),
        ["中文里用了半角「,」，应为「，」（在引文中，fix 不改动）"]
    );
    assert_eq!(quote("。！"), "「。！」");
}
