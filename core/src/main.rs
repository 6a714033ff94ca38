//! `ateliers`: the command-line interface of the core.
//!
//! Messages go to stderr in French; data goes to stdout. Exit status: 0 success, 1 invalid
//! input (or a failure of the base or of a file), 2 a refused operation or bad usage.

use std::path::PathBuf;
use std::process::ExitCode;

use ateliers::store::Store;
use ateliers::{paths, Error};
use serde_json::{json, Value};

const USAGE: &str = "\
Utilisation : ateliers [--db FICHIER] COMMANDE

Commandes :
  demo                                 remplit une base vide avec les données de démonstration
  list ateliers|people|meetings [--json]
                                       liste les ateliers, les personnes ou les réunions
  backup --out FICHIER                 écrit une sauvegarde complète de la base
  restore FICHIER                      remplace la base par une sauvegarde (vérifiée d'abord)

Sans --db, la base est celle de l'application (ou celle que nomme ATELIERS_DB).";

/// A failure of the command line, with its exit status.
enum Failure {
    Usage(String),
    Core(Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Core(error)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("ateliers : {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Core(error)) => {
            eprintln!("ateliers : {error}");
            match error {
                Error::Refused(_) | Error::SchemaTooNew { .. } => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}

fn run(mut args: Vec<String>) -> Result<(), Failure> {
    let db = take_option(&mut args, "--db")?.map(PathBuf::from);
    if args.iter().any(|a| a == "-h" || a == "--help" || a == "aide") {
        println!("{USAGE}");
        return Ok(());
    }
    let Some(command) = (!args.is_empty()).then(|| args.remove(0)) else {
        return Err(Failure::Usage("aucune commande donnée".into()));
    };
    let db = match db {
        Some(db) => db,
        None => paths::default_database()?,
    };
    match command.as_str() {
        "demo" => {
            no_more(&args)?;
            let mut store = Store::open(&db)?;
            let summary = store.load_demo(ateliers::model::date::today())?;
            eprintln!("{} (base : {})", summary.message(), db.display());
        }
        "list" => {
            let json = take_flag(&mut args, "--json");
            let Some(what) = (!args.is_empty()).then(|| args.remove(0)) else {
                return Err(Failure::Usage("que lister ? ateliers, people ou meetings".into()));
            };
            no_more(&args)?;
            let store = Store::open(&db)?;
            let rows = list(&store, &what)?;
            let text = if json {
                Value::Array(rows.iter().map(|(v, _)| v.clone()).collect()).to_string() + "\n"
            } else {
                rows.iter().map(|(_, line)| format!("{line}\n")).collect()
            };
            // A reader that stops early (`| head`) is not an error.
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
            if !json {
                eprintln!("{} ligne(s).", rows.len());
            }
        }
        "backup" => {
            let out = take_option(&mut args, "--out")?.ok_or_else(|| {
                Failure::Usage("indiquez le fichier de sauvegarde avec --out FICHIER".into())
            })?;
            no_more(&args)?;
            let store = Store::open(&db)?;
            store.backup_to(&PathBuf::from(&out))?;
            eprintln!("Sauvegarde écrite dans {out}.");
        }
        "restore" => {
            let Some(file) = (!args.is_empty()).then(|| args.remove(0)) else {
                return Err(Failure::Usage("indiquez le fichier de sauvegarde à restaurer".into()));
            };
            no_more(&args)?;
            let mut store = Store::open(&db)?;
            store.restore_from(&PathBuf::from(&file))?;
            eprintln!("La base {} a été restaurée depuis {file}.", db.display());
        }
        other => return Err(Failure::Usage(format!("commande inconnue « {other} »"))),
    }
    Ok(())
}

/// Each row as JSON and as a line of text.
fn list(store: &Store, what: &str) -> Result<Vec<(Value, String)>, Failure> {
    Ok(match what {
        "ateliers" => store
            .list_ateliers()?
            .into_iter()
            .map(|a| {
                let line = format!("{}\t{}\t{}\t{}", a.code, a.title, a.kind.label(), a.status.label());
                (json!({"id": a.id, "code": a.code, "title": a.title, "kind": a.kind, "status": a.status}), line)
            })
            .collect(),
        "people" => store
            .list_people()?
            .into_iter()
            .map(|p| {
                let line = format!("{}\t{}\t{}", p.display_name(), p.function, p.email);
                (json!({"id": p.id, "first_name": p.first_name, "last_name": p.last_name, "email": p.email}), line)
            })
            .collect(),
        "meetings" => store
            .list_meetings()?
            .into_iter()
            .map(|m| {
                let line = format!("{}\t{}\t{}\t{}\t{}", m.atelier, m.start, m.end, m.place, m.status.label());
                let value = json!({"id": m.id, "atelier": m.atelier, "start": m.start, "end": m.end, "place": m.place, "status": m.status});
                (value, line)
            })
            .collect(),
        other => {
            return Err(Failure::Usage(format!(
                "« {other} » ne se liste pas : choisissez ateliers, people ou meetings"
            )))
        }
    })
}

/// Removes `--name VALUE` (or `--name=VALUE`) from `args`.
fn take_option(args: &mut Vec<String>, name: &str) -> Result<Option<String>, Failure> {
    let prefix = format!("{name}=");
    if let Some(i) = args.iter().position(|a| a.starts_with(&prefix)) {
        return Ok(Some(args.remove(i)[prefix.len()..].to_string()));
    }
    let Some(i) = args.iter().position(|a| a == name) else { return Ok(None) };
    if i + 1 >= args.len() {
        return Err(Failure::Usage(format!("{name} attend une valeur")));
    }
    let value = args.remove(i + 1);
    args.remove(i);
    Ok(Some(value))
}

fn take_flag(args: &mut Vec<String>, name: &str) -> bool {
    let before = args.len();
    args.retain(|a| a != name);
    args.len() != before
}

fn no_more(args: &[String]) -> Result<(), Failure> {
    match args.first() {
        Some(extra) => Err(Failure::Usage(format!("argument inattendu « {extra} »"))),
        None => Ok(()),
    }
}
