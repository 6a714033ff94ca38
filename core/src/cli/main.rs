//! `ateliers`: the command-line interface of the core.
//!
//! Messages go to stderr in French; data goes to stdout. Exit status: 0 success, 1 invalid
//! input (or a failure of the base or of a file), 2 a refused operation or bad usage, 3 a
//! meeting refused because it overlaps others.

mod calendar;
mod meeting;
mod pdf;
mod search;
mod settings;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ateliers::model::atelier::AtelierInput;
use ateliers::model::charter::SignatureInput;
use ateliers::rules::Finding;
use ateliers::store::{ImportOutcome, Store};
use ateliers::{fr, paths, Error};
use chrono::NaiveDate;
use serde_json::{json, Value};

const USAGE: &str = "\
Utilisation : ateliers [--db FICHIER] COMMANDE

Commandes :
  demo [--people N] [--meetings M]     remplit une base vide avec les données de démonstration
                                       (au moins N personnes dans l'annuaire, M réunions)
  list ateliers|people|meetings [--json]
                                       liste les ateliers, les personnes ou les réunions
  atelier add --code CODE --title TEXTE --kind faisabilite|mise-en-oeuvre|permanent|autre
              [--start AAAA-MM-JJ] [--end AAAA-MM-JJ] [--exempt]
                                       crée un atelier ; son numéro est la dernière ligne
  import members FICHIER --atelier CODE [--dry-run] [--skip-invalid]
                                       importe les membres d'un tableur (CSV) dans un atelier
  import communes FICHIER              importe des communes et leur code INSEE (fichier de l'INSEE
                                       « code officiel géographique », ou colonnes Commune et
                                       Code INSEE) ; les lignes invalides sont comptées
  import people FICHIER [--dry-run] [--skip-invalid]
                                       importe des personnes d'un tableur (CSV) dans l'annuaire
                                       seul (colonnes obligatoires : Prénom, Nom)
  export csv people|members [--atelier CODE] --out FICHIER
                                       écrit l'annuaire ou les membres d'un atelier en CSV
  export pdf convocations|ordre-du-jour|emargement|releve --meeting N --out CHEMIN
                                       imprime un document d'une réunion ; convocations écrit
                                       un dossier : une lettre par personne et un fichier unique
  export pdf charte|fiche|assiduite --atelier CODE [--person N] --out FICHIER
                                       charte (des membres qui n'ont pas signé, ou de N),
                                       fiche atelier ou rapport d'assiduité
  export pdf calendrier --from AAAA-MM-JJ --to AAAA-MM-JJ --out FICHIER
                                       calendrier des réunions de la période
  export odt releve --meeting N --out FICHIER.odt
                                       le même document en texte OpenDocument, à modifier dans
                                       LibreOffice ou Word (tous les documents sauf convocations)
  export ics --meeting N [--cancel] --out FICHIER
                                       invitation d'agenda d'une réunion (ou son annulation)
  export ics --atelier CODE --out FICHIER | export ics --all --out FICHIER
                                       calendrier d'un atelier ou de tous les ateliers
  import ics FICHIER                   importe le calendrier d'un autre organisme (à côté des
                                       nôtres, en lecture seule ; réimporter le met à jour)
  export eml --meeting N --out DOSSIER brouillons d'e-mails des convocations (un par personne
                                       ayant une adresse) ; les note envoyées par courriel
  export eml --meeting N --grouped --out FICHIER.eml
                                       un seul brouillon à l'organisateur, chaque adresse en copie
                                       cachée, avec l'ordre du jour, les documents et l'invitation
  publish caldav [--url ADRESSE-DU-CALENDRIER --user IDENTIFIANT] [--dry-run]
                                       publie les réunions sur le calendrier partagé (CalDAV) ;
                                       mot de passe : trousseau du système ou ATELIERS_CALDAV_PASSWORD
  sign --person N --date AAAA-MM-JJ [--version N] [--mode papier|seance|scan]
                                       enregistre la signature de la charte d'engagement
  person export N --out FICHIER.json   écrit tout ce que la base contient sur une personne
                                       (JSON, et CSV à côté)
  person erase N --yes                 efface une personne (anonymisation, comptes gardés)
  meeting add --atelier CODE --start \"AAAA-MM-JJ HH:MM\" --end \"AAAA-MM-JJ HH:MM\" --place TEXTE
              [--kind seance|petit-groupe|visite-site|forum|rencontre-bilaterale]
              [--convoke all|none|role:ROLE|N,N,…] [--repeat RÈGLE] [--force]
                                       planifie une réunion ; son numéro est la dernière ligne ;
                                       refusée (code 3) si elle chevauche d'autres réunions ;
                                       une séance convoque tous les membres, une autre réunion
                                       ceux de --convoke (personne par défaut) ; --repeat
                                       planifie une série (règle RRULE de la RFC 5545, par
                                       exemple \"FREQ=MONTHLY;BYDAY=2TU;COUNT=10\" : le 2e mardi
                                       de chaque mois, 10 réunions), un numéro par ligne
  meeting move N --start \"…\" --end \"…\" [--place TEXTE] [--following] [--force]
                                       déplace une réunion (sa séquence augmente) ; avec
                                       --following, aussi les suivantes de sa série
  meeting cancel N [--following]       annule une réunion (et les suivantes de sa série)
  meeting held N                       marque une réunion comme tenue
  meeting delete N                     supprime une réunion planifiée par erreur (refusé dès
                                       qu'une convocation est envoyée ou qu'une présence, un
                                       relevé ou une signature y est enregistré)
  attendance --meeting N --person N --status present|distance|excuse|absent|represente|supplee [--by N]
                                       enregistre la présence d'une personne convoquée
  check [--json] [--at AAAA-MM-JJ]     liste ce que les règles signalent
  search TEXTE [--json]                cherche dans les relevés de décisions (sections,
                                       décisions, actions ; sans accents ni majuscules) ; les
                                       plus récents d'abord, les mots trouvés entre [crochets]
  settings [--json]                    affiche les paramètres (une ligne CLÉ, tabulation, valeur)
  settings set CLÉ VALEUR              change un paramètre, vérifié comme dans la fenêtre :
                                       org_name, org_short_name, address, organizer_email,
                                       default_place, time_zone, attendance_threshold_pct,
                                       consecutive_absences_max, convocation_notice_days,
                                       caldav_url, caldav_user
  backup --out FICHIER                 écrit une sauvegarde complète de la base
  restore FICHIER                      remplace la base par une sauvegarde (vérifiée d'abord)

Sans --db, la base est celle de l'application (ou celle que nomme ATELIERS_DB).";

/// A failure of the command line, with its exit status.
enum Failure {
    Usage(String),
    Core(Error),
    /// Already explained on stderr; exit with this status.
    Reported(u8),
}

/// Writes `error` to stderr: each invalid field on its own line.
fn report(error: &Error) {
    match error.fields() {
        [] => eprintln!("ateliers : {}", fr::typography(&error.to_string())),
        fields => {
            for field in fields {
                eprintln!("ateliers : {}", fr::typography(&field.message));
            }
        }
    }
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
            report(&error);
            match error {
                Error::Refused(_) | Error::SchemaTooNew { .. } => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
        Err(Failure::Reported(code)) => ExitCode::from(code),
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
            let people = take_option(&mut args, "--people")?.map(|n| number(&n, "--people")).transpose()?;
            let meetings =
                take_option(&mut args, "--meetings")?.map(|n| number(&n, "--meetings")).transpose()?;
            no_more(&args)?;
            let mut store = Store::open(&db)?;
            let (people, meetings) = (people.unwrap_or(0) as usize, meetings.unwrap_or(0) as usize);
            let summary = store.load_large_demo(store.today()?, people, meetings)?;
            eprintln!("{} (base : {})", summary.message(), db.display());
        }
        "atelier" => atelier(&db, args)?,
        "import" => import(&db, args)?,
        "export" => export(&db, args)?,
        "sign" => sign(&db, args)?,
        "person" => person(&db, args)?,
        "check" => check(&db, args)?,
        "search" => search::search(&db, args)?,
        "settings" => settings::settings(&db, args)?,
        "publish" => calendar::publish(&db, args)?,
        "meeting" => meeting::meeting(&db, args)?,
        "attendance" => meeting::attendance(&db, args)?,
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

/// How many rejected rows are explained one by one on stderr.
const REJECTIONS_SHOWN: usize = 20;

/// `import communes FILE`: the valid rows imported, the others counted and explained.
fn import_communes(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let Some(file) = (!args.is_empty()).then(|| PathBuf::from(args.remove(0))) else {
        return Err(Failure::Usage("indiquez le fichier des communes à importer".into()));
    };
    no_more(&args)?;
    let done = Store::open(db)?.import_communes(&file)?;
    for reason in done.rejections.iter().take(REJECTIONS_SHOWN) {
        eprintln!("ateliers : {}", fr::typography(reason));
    }
    if done.rejections.len() > REJECTIONS_SHOWN {
        eprintln!("ateliers : … et {} autres lignes refusées.", done.rejections.len() - REJECTIONS_SHOWN);
    }
    if let Some(note) = done.other_kinds_note() {
        eprintln!("ateliers : {}", fr::typography(&note));
    }
    let ImportOutcome { imported, matched, rejected } = done.outcome;
    println!("imported: {imported}, matched: {matched}, rejected: {rejected}");
    Ok(())
}

/// `atelier add …`: prints the new atelier's id alone on its last line.
fn atelier(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    if args.first().map(String::as_str) != Some("add") {
        return Err(Failure::Usage("sous-commande attendue : atelier add".into()));
    }
    args.remove(0);
    let required = |args: &mut Vec<String>, name: &str| {
        take_option(args, name)?.ok_or_else(|| Failure::Usage(format!("{name} est obligatoire")))
    };
    let code = required(&mut args, "--code")?;
    let title = required(&mut args, "--title")?;
    let kind = match required(&mut args, "--kind")?.as_str() {
        "faisabilite" => "faisabilite",
        "mise-en-oeuvre" => "mise_en_oeuvre",
        "permanent" => "permanent",
        "autre" => "autre_instance",
        other => {
            return Err(Failure::Usage(format!(
                "type d'atelier « {other} » inconnu : faisabilite, mise-en-oeuvre, permanent ou autre"
            )))
        }
    };
    let start = take_option(&mut args, "--start")?.unwrap_or_default();
    let end = take_option(&mut args, "--end")?.unwrap_or_default();
    let exempt = take_flag(&mut args, "--exempt");
    no_more(&args)?;
    let mut store = Store::open(db)?;
    let atelier = store.create_atelier(AtelierInput {
        code,
        title,
        kind: kind.into(),
        status: "propose".into(),
        planned_start: start,
        planned_end: end,
        exempt_from_composition: exempt,
        ..AtelierInput::default()
    })?;
    eprintln!("{}", fr::typography(&format!("L'atelier « {} » a été créé.", atelier.data.code)));
    println!("{}", atelier.id);
    Ok(())
}

/// The id of the atelier whose code is `code`.
fn atelier_id(store: &Store, code: &str) -> Result<i64, Failure> {
    store
        .list_ateliers()?
        .into_iter()
        .find(|a| a.code.eq_ignore_ascii_case(code))
        .map(|a| a.id)
        .ok_or_else(|| Failure::Core(Error::Refused(format!("aucun atelier n'a le code « {code} »"))))
}

/// `import members FILE --atelier CODE [--dry-run] [--skip-invalid]`: ends with the line
/// `imported: N, matched: M, rejected: R`.
fn import(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let what = (!args.is_empty()).then(|| args.remove(0));
    let members = match what.as_deref() {
        Some("ics") => return calendar::import_ics(db, args),
        Some("communes") => return import_communes(db, args),
        Some("members") => true,
        Some("people") => false,
        _ => {
            return Err(Failure::Usage(
                "sous-commande attendue : import members FICHIER --atelier CODE, import people FICHIER, \
                 import communes FICHIER ou import ics FICHIER"
                    .into(),
            ))
        }
    };
    let code = take_option(&mut args, "--atelier")?;
    match (members, &code) {
        (true, None) => return Err(Failure::Usage("indiquez l'atelier avec --atelier CODE".into())),
        (false, Some(_)) => return Err(Failure::Usage(
            "import people remplit l'annuaire seul : pour un atelier, import members FICHIER --atelier CODE"
                .into(),
        )),
        _ => {}
    }
    let dry_run = take_flag(&mut args, "--dry-run");
    let skip_invalid = take_flag(&mut args, "--skip-invalid");
    let Some(file) = (!args.is_empty()).then(|| PathBuf::from(args.remove(0))) else {
        return Err(Failure::Usage("indiquez le fichier à importer".into()));
    };
    no_more(&args)?;
    let mut store = Store::open(db)?;
    let atelier = code.map(|code| atelier_id(&store, &code)).transpose()?;
    let preview = match atelier {
        Some(atelier) => store.preview_import(atelier, &file)?,
        None => store.preview_people_import(&file)?,
    };
    for error in preview.rows.iter().flat_map(|r| &r.errors) {
        eprintln!("ateliers : {}", fr::typography(&error.message));
    }
    let refused = preview.invalid_count > 0 && !skip_invalid;
    let outcome = if dry_run || refused {
        let rejected = preview.invalid_count;
        match refused {
            true => ImportOutcome { imported: 0, matched: 0, rejected },
            false => ImportOutcome { imported: preview.new_count, matched: preview.matched_count, rejected },
        }
    } else {
        match atelier {
            Some(atelier) => store.import_members(atelier, &file, store.today()?, skip_invalid)?,
            None => store.import_people(&file, skip_invalid)?,
        }
    };
    if refused {
        eprintln!("ateliers : {} ligne(s) invalide(s) : rien n'a été importé (--skip-invalid importe les lignes valides).", preview.invalid_count);
    } else if dry_run {
        eprintln!("ateliers : essai à blanc, rien n'a été écrit.");
    }
    println!("imported: {}, matched: {}, rejected: {}", outcome.imported, outcome.matched, outcome.rejected);
    if refused {
        return Err(Failure::Reported(1));
    }
    Ok(())
}

/// `export csv people|members [--atelier CODE] --out FILE`, or `export pdf …` ([`pdf`]).
fn export(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    match args.first().map(String::as_str) {
        Some("pdf") => return pdf::export_document(db, args.split_off(1), ateliers::pdf::Format::Pdf),
        Some("odt") => return pdf::export_document(db, args.split_off(1), ateliers::pdf::Format::Odt),
        _ => {}
    }
    match args.first().map(String::as_str) {
        Some("ics") => return calendar::export_ics(db, args.split_off(1)),
        Some("eml") => return calendar::export_eml(db, args.split_off(1)),
        _ => {}
    }
    if args.first().map(String::as_str) != Some("csv") {
        return Err(Failure::Usage("sous-commande attendue : export csv|pdf|ics|eml …".into()));
    }
    args.remove(0);
    let out = take_option(&mut args, "--out")?
        .ok_or_else(|| Failure::Usage("indiquez le fichier avec --out FICHIER".into()))?;
    let code = take_option(&mut args, "--atelier")?;
    let Some(what) = (!args.is_empty()).then(|| args.remove(0)) else {
        return Err(Failure::Usage("que exporter ? people ou members".into()));
    };
    no_more(&args)?;
    let store = Store::open(db)?;
    let rows = match (what.as_str(), code) {
        ("people", None) => store.export_people_csv(Path::new(&out))?,
        ("members", Some(code)) => {
            store.export_members_csv(atelier_id(&store, &code)?, store.today()?, Path::new(&out))?
        }
        ("members", None) => return Err(Failure::Usage("indiquez l'atelier avec --atelier CODE".into())),
        ("people", Some(_)) => return Err(Failure::Usage("--atelier ne s'emploie qu'avec members".into())),
        (other, _) => {
            return Err(Failure::Usage(format!("« {other} » ne s'exporte pas : people ou members")))
        }
    };
    eprintln!("{rows} ligne(s) écrite(s) dans {out}.");
    Ok(())
}

/// `sign --person ID --date YYYY-MM-DD [--version N] [--mode papier|seance|scan]`.
fn sign(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let person = take_option(&mut args, "--person")?
        .ok_or_else(|| Failure::Usage("indiquez la personne avec --person N".into()))?;
    let date = take_option(&mut args, "--date")?
        .ok_or_else(|| Failure::Usage("indiquez la date avec --date AAAA-MM-JJ".into()))?;
    let version = take_option(&mut args, "--version")?.map(|v| number(&v, "--version")).transpose()?;
    let mode = match take_option(&mut args, "--mode")?.as_deref().unwrap_or("papier") {
        "papier" => "papier",
        "seance" => "en_seance",
        "scan" => "copie_numerisee",
        other => return Err(Failure::Usage(format!("mode « {other} » inconnu : papier, seance ou scan"))),
    };
    no_more(&args)?;
    let mut store = Store::open(db)?;
    let version_id = match version {
        None => None,
        Some(n) => {
            Some(store.charter_versions()?.into_iter().find(|v| v.version == n).map(|v| v.id).ok_or_else(
                || Failure::Core(Error::invalid("version", format!("La charte n'a pas de version {n}"))),
            )?)
        }
    };
    let person_id = number(&person, "--person")?;
    let signature = store.record_signature(
        SignatureInput { person_id, version_id, signed_on: date, mode: mode.into(), meeting_id: None },
        None,
    )?;
    eprintln!(
        "La signature de la charte (version {}) par la personne n° {person_id} a été enregistrée.",
        signature.version
    );
    Ok(())
}

/// `person export ID --out FILE` and `person erase ID --yes`.
fn person(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let (Some(action), Some(id)) = (args.first().cloned(), args.get(1).cloned()) else {
        return Err(Failure::Usage(
            "attendu : person export N --out FICHIER, ou person erase N --yes".into(),
        ));
    };
    args.drain(..2);
    let id = number(&id, "le numéro de la personne")?;
    match action.as_str() {
        "export" => {
            let out = take_option(&mut args, "--out")?
                .ok_or_else(|| Failure::Usage("indiquez le fichier avec --out FICHIER".into()))?;
            no_more(&args)?;
            let store = Store::open(db)?;
            let (json, csv) = store.export_person(id, Path::new(&out))?;
            eprintln!("Données de la personne n° {id} écrites dans {} et {}.", json.display(), csv.display());
        }
        "erase" => {
            let confirmed = take_flag(&mut args, "--yes");
            no_more(&args)?;
            if !confirmed {
                return Err(Failure::Usage("l'effacement est définitif : confirmez-le avec --yes".into()));
            }
            let mut store = Store::open(db)?;
            let erasure = store.erase_person(id)?;
            eprintln!("{}", fr::typography(&erasure.message()));
        }
        other => return Err(Failure::Usage(format!("« person {other} » est inconnu : export ou erase"))),
    }
    Ok(())
}

/// `check [--json] [--at YYYY-MM-DD]`: every finding of the rules.
fn check(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let json = take_flag(&mut args, "--json");
    let at = match take_option(&mut args, "--at")? {
        Some(text) => Some(
            NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map_err(|_| Failure::Usage(format!("date « {text} » invalide : attendu AAAA-MM-JJ")))?,
        ),
        None => None,
    };
    no_more(&args)?;
    let store = Store::open(db)?;
    let at = match at {
        Some(at) => at,
        None => store.today()?,
    };
    let findings = store.check(at)?;
    let text = if json {
        serde_json::to_string(&findings).unwrap_or_default() + "\n"
    } else {
        findings
            .iter()
            .map(|f: &Finding| {
                format!("{}\t{}\t{}\n", f.rule, f.atelier.as_deref().unwrap_or("-"), f.message)
            })
            .collect()
    };
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
    if !json {
        eprintln!("{} constat(s) au {}.", findings.len(), fr::long_date(at));
    }
    Ok(())
}

fn number(text: &str, what: &str) -> Result<i64, Failure> {
    text.trim().parse().map_err(|_| Failure::Usage(format!("{what} attend un nombre, pas « {text} »")))
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
                let value = json!({"id": m.id, "atelier": m.atelier, "start": m.start, "end": m.end, "time_zone": m.time_zone, "place": m.place, "status": m.status, "sequence": m.ical_sequence});
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
