//! `ateliers export pdf …` and `ateliers export odt …`: the printed documents from the
//! command line, in PDF or, to amend them, in OpenDocument text. The path of what was
//! written is the last line on stdout (for convocations, the merged file, after the
//! personal files).

use std::path::Path;

use ateliers::pdf::{self, files, Format, Request};
use ateliers::store::Store;

use super::{atelier_id, no_more, number, take_option, Failure};

const WHAT: &str = "convocations, ordre-du-jour, emargement, releve, charte, fiche, assiduite ou calendrier";

/// `export pdf|odt DOCUMENT (--meeting ID | --atelier CODE [--person ID] | --from … --to …) --out PATH`.
pub(super) fn export_document(db: &Path, mut args: Vec<String>, format: Format) -> Result<(), Failure> {
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
    let request = match what.as_str() {
        "convocations" if format == Format::Odt => {
            return Err(Failure::Usage(
                "les convocations s'écrivent en PDF (export pdf convocations) : une lettre par personne"
                    .into(),
            ))
        }
        "convocations" => {
            let id = meeting(&mut args)?;
            no_more(&args)?;
            let letters = pdf::convocation::letters(&store, id)?;
            let written = files::write_letters(&letters, out, &mut |_, _| true)?;
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
        "ordre-du-jour" => Request::OrdreDuJour { meeting_id: meeting(&mut args)? },
        "emargement" => Request::Emargement { meeting_id: meeting(&mut args)? },
        "releve" => Request::Releve { meeting_id: meeting(&mut args)? },
        "charte" => {
            let atelier_id = atelier(&mut args)?;
            let person_id =
                take_option(&mut args, "--person")?.map(|p| number(&p, "--person")).transpose()?;
            Request::Charte { atelier_id, person_id }
        }
        "fiche" => Request::Fiche { atelier_id: atelier(&mut args)? },
        "assiduite" => Request::Assiduite { atelier_id: atelier(&mut args)? },
        "calendrier" => {
            let mut day = |name: &str| -> Result<String, Failure> {
                take_option(&mut args, name)?.ok_or_else(|| {
                    Failure::Usage(format!(
                        "indiquez la période avec --from AAAA-MM-JJ --to AAAA-MM-JJ ({name} manque)"
                    ))
                })
            };
            Request::Calendrier { from: day("--from")?, to: day("--to")? }
        }
        other => return Err(Failure::Usage(format!("« {other} » n'est pas un document : {WHAT}"))),
    };
    no_more(&args)?;
    let document = request.document(&store)?;
    let written = format.write(&document, out)?;
    println!("{}", written.display());
    eprintln!("Le document « {} » est écrit dans {}.", document.title, written.display());
    Ok(())
}
