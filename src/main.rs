//! The `shengao` binary: parse, run, exit code. Errors are printed here and nowhere else.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use shengao::cli::{CheckArgs, Cli, Command, InitArgs, ListFormat, RulesArgs};
use shengao::config::file as config_file;
use shengao::{analyze, emit, fix, input, messages, rules};

/// Exit code for a usage error or an input that could not be read.
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check(args) => check(args),
        Command::Batch(args) => batch(args),
        Command::Rules(args) => list_rules(args),
        Command::Explain { topic } => explain(topic.as_deref()),
        // src/fix.rs prints per-file errors on stderr and returns the exit code.
        Command::Fix(args) => fix::run(args, &mut io::stdout().lock(), &mut io::stderr()),
        Command::Init(args) => init(args),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`shengao check … | head`) is not an error of its own, but an error
        // reported before it still sets the exit code.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe && !messages::errored() => {
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_ERROR),
        Err(e) => {
            messages::error(e);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn check(args: &CheckArgs) -> io::Result<ExitCode> {
    if let Some(error) = shengao::cli::stdin_misuse(args.stdin_name.as_deref(), &args.paths) {
        messages::error(error);
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    // The segmenter loads while every input's settings (defaults < shengao.toml < flags) are
    // resolved and validated; the other tables are built only once they are good. Skipped
    // inputs are left out quietly (a hook may pass every file), unless nothing is left.
    let preparing = analyze::start_preparing();
    let mut resolver = args.settings.resolver();
    let mut skipped = Vec::new();
    let inputs = resolver.resolve_all(
        &paths,
        |path| input::name_of(path, args.stdin_name.as_deref()),
        |path, reason| {
            skipped.push(format!("{path}: skipped ({reason})"));
            Ok(())
        },
    )?;
    if inputs.is_empty() {
        for line in &skipped {
            messages::line(format_args!("shengao: {line}"));
        }
    }
    preparing.finish();
    let mut emitter = emit::emitter(args.format, &emit::Options::for_stdout(paths.len()));
    let mut out = BufWriter::new(io::stdout().lock());
    let (mut unreadable, mut failing) = (false, false);
    for (path, config) in inputs {
        match input::read_named(path, args.stdin_name.as_deref(), config.encoding) {
            Ok(input) => {
                let (report, text) = analyze::review_with_text(input, &config);
                failing |= report
                    .findings
                    .iter()
                    .any(|f| config.fail_on.fails(f.severity));
                emitter.report(&mut out, &report, &text)?;
            }
            Err(e) => {
                out.flush()?;
                messages::error(&e);
                emitter.unreadable(&e.path, &e.reason);
                unreadable = true;
            }
        }
    }
    emitter.finish(&mut out)?;
    out.flush()?;
    Ok(review_exit(unreadable, failing))
}

/// The exit code of `check` and `batch`: 2 when an input could not be reviewed, else 1 when
/// a finding is at or above `--fail-on`, else 0.
fn review_exit(unreadable: bool, failing: bool) -> ExitCode {
    if unreadable {
        ExitCode::from(EXIT_ERROR)
    } else if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `shengao init`: writes the commented default configuration file.
fn init(args: &InitArgs) -> io::Result<ExitCode> {
    let path = args.dir.join(config_file::FILE_NAME);
    if path.exists() && !args.force {
        messages::error(format_args!(
            "{} already exists; `shengao init --force` overwrites it",
            path.display()
        ));
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let written = shengao::safe_write::AtomicFile::create(&path).and_then(|mut file| {
        file.write_all(config_file::template().as_bytes())?;
        file.commit()
    });
    if let Err(e) = written {
        messages::error(format_args!("cannot write shengao.toml: {e}"));
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    writeln!(io::stdout(), "wrote {}", path.display())?;
    Ok(ExitCode::SUCCESS)
}

/// `shengao batch`, which builds the analyzers' tables itself (see [`shengao::batch::run`]).
fn batch(args: &shengao::cli::BatchArgs) -> io::Result<ExitCode> {
    let outcome = shengao::batch::run(args)?;
    Ok(review_exit(outcome.errors > 0, outcome.failing > 0))
}

fn list_rules(args: &RulesArgs) -> io::Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ListFormat::Json => {
            let all: Vec<&rules::Rule> = rules::all().collect();
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            let width = rules::all().map(|r| r.id.len()).max().unwrap_or(0);
            for rule in rules::all() {
                writeln!(
                    out,
                    "{:width$}  {:7}  {}",
                    rule.id,
                    rule.severity.as_str(),
                    rule.summary
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn explain(topic: Option<&str>) -> io::Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    let Some(topic) = topic else {
        list_topics(&mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    // Rule ids and topics are lower case; `explain STRUCTURE` means the same.
    let topic = topic.to_lowercase();
    let topic = topic.as_str();
    if let Some(rule) = rules::find(topic) {
        writeln!(
            out,
            "{} (default severity: {})\n{}\n\n{}",
            rule.id, rule.severity, rule.summary, rule.explanation
        )?;
    } else {
        let Some(topic) = rules::topic_name(topic) else {
            messages::error(unknown_topic(topic));
            return Ok(ExitCode::from(EXIT_ERROR));
        };
        let text = rules::topics().find(|t| t.name == topic).map(|t| t.text);
        let in_area: Vec<&rules::Rule> = rules::all().filter(|r| r.area() == topic).collect();
        if let Some(text) = text {
            writeln!(out, "{text}")?;
        }
        if !in_area.is_empty() {
            let gap = if text.is_some() { "\n" } else { "" };
            writeln!(out, "{gap}Rules in `{topic}`:")?;
            write_rules(&mut out, &in_area)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The error for a name that is neither a rule nor a topic: the nearest names (else the
/// topics that mention it, as the areas with a score do for `score`), and where the list is.
fn unknown_topic(name: &str) -> String {
    let near = rules::near(name);
    let hint = if !near.is_empty() {
        format!("did you mean {}? ", near.join(", "))
    } else {
        let mentioning = rules::mentioning(name);
        if mentioning.is_empty() {
            String::new()
        } else {
            format!(
                "did you mean {} (the topics that mention `{name}`)? ",
                mentioning.join(", ")
            )
        }
    };
    format!("no rule or topic `{name}`; {hint}`shengao explain` lists every topic and rule")
}

/// `shengao explain` without a topic: every topic with its first line, then every rule, area
/// by area.
fn list_topics(out: &mut impl Write) -> io::Result<()> {
    let width = rules::topics().map(|t| t.name.len()).max().unwrap_or(0);
    writeln!(out, "Topics (`shengao explain TOPIC`):")?;
    for topic in rules::topics() {
        let line = topic.text.lines().next().unwrap_or("");
        writeln!(out, "  {:width$}  {line}", topic.name)?;
    }
    writeln!(out, "\nRules (`shengao explain RULE`), by area:")?;
    for area in rules::AREAS {
        let in_area: Vec<&rules::Rule> = rules::all().filter(|r| r.area() == *area).collect();
        writeln!(out, "\n{area}")?;
        write_rules(out, &in_area)?;
    }
    Ok(())
}

/// One line a rule: id, default severity and summary, in columns.
fn write_rules(out: &mut impl Write, list: &[&rules::Rule]) -> io::Result<()> {
    let width = list.iter().map(|rule| rule.id.len()).max().unwrap_or(0);
    for rule in list {
        writeln!(
            out,
            "  {:width$}  {:7}  {}",
            rule.id,
            rule.severity.as_str(),
            rule.summary
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_input_beats_a_failing_finding() {
        assert_eq!(review_exit(true, true), ExitCode::from(2));
        assert_eq!(review_exit(true, false), ExitCode::from(2));
        assert_eq!(review_exit(false, true), ExitCode::from(1));
        assert_eq!(review_exit(false, false), ExitCode::SUCCESS);
    }
}
