//! The `shengao` binary: parse, run, exit code. Errors are printed here and nowhere else.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

use shengao::cli::{CheckArgs, Cli, Command, ListFormat, RulesArgs};
use shengao::{analyze, emit, input, rules};

/// Exit code for a usage error or an input that could not be read.
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check(args) => check(args),
        Command::Batch(args) => batch(args), // batch
        Command::Rules(args) => list_rules(args),
        Command::Explain { topic } => explain(topic),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`shengao check … | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shengao: error: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn check(args: &CheckArgs) -> io::Result<ExitCode> {
    let config = args.config();
    let paths = if args.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        args.paths.clone()
    };
    let mut emitter = emit::emitter(args.format, paths.len());
    let mut out = BufWriter::new(io::stdout().lock());
    let (mut unreadable, mut failing) = (false, false);
    for path in &paths {
        match input::read(path, config.encoding) {
            Ok(input) => {
                let report = analyze::review(input, &config);
                failing |= report
                    .findings
                    .iter()
                    .any(|f| config.fail_on.fails(f.severity));
                emitter.report(&mut out, &report)?;
            }
            Err(e) => {
                out.flush()?;
                eprintln!("shengao: error: {e}");
                unreadable = true;
            }
        }
    }
    emitter.finish(&mut out)?;
    out.flush()?;
    Ok(if unreadable {
        ExitCode::from(EXIT_ERROR)
    } else if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

// batch: begin
fn batch(args: &shengao::cli::BatchArgs) -> io::Result<ExitCode> {
    let outcome = shengao::batch::run(args)?;
    Ok(if outcome.errors > 0 {
        ExitCode::from(EXIT_ERROR)
    } else if outcome.failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
// batch: end

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

fn explain(topic: &str) -> io::Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    if let Some(rule) = rules::find(topic) {
        writeln!(
            out,
            "{} (default severity: {})\n{}\n\n{}",
            rule.id, rule.severity, rule.summary, rule.explanation
        )?;
    } else {
        let text = rules::topics().find(|t| t.name == topic).map(|t| t.text);
        let in_area: Vec<&rules::Rule> = rules::all().filter(|r| r.area() == topic).collect();
        if text.is_none() && in_area.is_empty() {
            let near: Vec<&str> = rules::all()
                .map(|r| r.id)
                .filter(|id| id.contains(topic))
                .collect();
            let hint = if near.is_empty() {
                "`shengao rules` lists the rules".to_string()
            } else {
                format!("did you mean {}?", near.join(", "))
            };
            eprintln!("shengao: error: no rule or topic `{topic}`; {hint}");
            return Ok(ExitCode::from(EXIT_ERROR));
        }
        if let Some(text) = text {
            writeln!(out, "{text}")?;
        }
        if !in_area.is_empty() {
            writeln!(out, "\nRules in `{topic}`:")?;
            for rule in in_area {
                writeln!(out, "  {}  {}  {}", rule.id, rule.severity, rule.summary)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
