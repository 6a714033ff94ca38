//! `ateliers export pdf …`: the printed documents from the command line. The path of what
//! was written is the last line on stdout (for convocations, the merged file, after the
//! personal files).

use std::path::Path;

use ateliers::pdf::{self, files};
use ateliers::store::Store;
use chrono::NaiveDate;

use super::{atelier_id, no_more, number, take_option, Failure};

const WHAT: &str = "convocations, ordre-du-jour, emargement, releve, charte, fiche, assiduite ou calendrier";

/// `export pdf DOCUMENT (--meeting ID | --atelier CODE [--person ID] | --from … --to …) --out PATH`.
pub(super) fn export_pdf(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    let Some(what) = (!args.is_empty()).then(|| args.remove(0)) else {
        return Err(Failure::Usage(format!("quel document ? {WHAT}")));
    };
    let out = take_option(&mut args, "--out")?
        .ok_or_else(|| Failure::Usage("indiquez où écrire avec --out CHEMIN".into()))?;
    let out = Path::new(&out);
    let store = Store::open(db)?;
    let meeting = |args: &mut Vec<String>| -> Result<i64, Failure> {
        let id = take_option(args, "--meeting")?
            .ok_or_else(|| Failure::Usage("indiquez la réunion avec --meeting N".into()))?;
        number(&id, "--meeting")
    };
    let atelier = |args: &mut Vec<String>| -> Result<i64, Failure> {
        let code = take_option(args, "--atelier")?
            .ok_or_else(|| Failure::Usage("indiquez l'atelier avec --atelier CODE".into()))?;
        atelier_id(&store, &code)
    };
    let document = match what.as_str() {
        "convocations" => {
            let id = meeting(&mut args)?;
            no_more(&args)?;
            let letters = pdf::convocation::letters(&store, id)?;
            let written = files::write_letters(&store, &letters, out, &mut |_, _| true)?;
            for file in &written.files {
                println!("{}", file.display());
            }
            println!("{}", written.merged.display());
            eprintln!(
                "{} convocation(s) écrite(s) dans {}, et le fichier de toutes les convocations à imprimer.",
                written.files.len(),
                written.folder.display()
            );
            return Ok(());
        }
        "ordre-du-jour" => pdf::agenda::document(&store, meeting(&mut args)?)?,
        "emargement" => pdf::sign_in::document(&store, meeting(&mut args)?)?,
        "releve" => pdf::releve::document(&store, meeting(&mut args)?)?,
        "charte" => {
            let atelier = atelier(&mut args)?;
            let person = take_option(&mut args, "--person")?.map(|p| number(&p, "--person")).transpose()?;
            pdf::charter::document(&store, atelier, person)?
        }
        "fiche" => pdf::fiche::document(&store, atelier(&mut args)?)?,
        "assiduite" => pdf::assiduity::document(&store, atelier(&mut args)?)?,
        "calendrier" => {
            let day = |args: &mut Vec<String>, name: &str| -> Result<NaiveDate, Failure> {
                let text = take_option(args, name)?
                    .ok_or_else(|| Failure::Usage(format!("indiquez la période avec --from AAAA-MM-JJ --to AAAA-MM-JJ ({name} manque)")))?;
                NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                    .map_err(|_| Failure::Usage(format!("{name} : « {text} » n'est pas une date AAAA-MM-JJ")))
            };
            let from = day(&mut args, "--from")?;
            let to = day(&mut args, "--to")?;
            pdf::calendar::document(&store, from, to)?
        }
        other => return Err(Failure::Usage(format!("« {other} » n'est pas un document : {WHAT}"))),
    };
    no_more(&args)?;
    let written = files::write_document(&store, &document, out)?;
    println!("{}", written.display());
    eprintln!("Le document « {} » est écrit dans {}.", document.title, written.display());
    Ok(())
}
