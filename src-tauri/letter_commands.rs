//! Paramètres › Convocation: the wording of the convocation with its fields and its saved
//! versions, a preview of a letter written with the wording being typed, and saving it as a
//! new version.

use ateliers::model::letter_text::{LetterTextInput, LetterTextVersion, FIELDS};
use ateliers::pdf::{self, convocation};
use serde::Serialize;
use tauri::State;

use crate::commands::Done;
use crate::document_commands::Preview;
use crate::error::CommandError;
use crate::AppState;

type Reply<T> = Result<T, CommandError>;

/// A field of the wording and what it becomes.
#[derive(Debug, Serialize)]
pub struct Field {
    pub name: &'static str,
    pub meaning: &'static str,
}

/// The wording now, its saved versions and the fields it may use.
#[derive(Debug, Serialize)]
pub struct LetterTexts {
    pub current: LetterTextVersion,
    pub versions: Vec<LetterTextVersion>,
    pub fields: Vec<Field>,
}

#[tauri::command]
pub fn letter_texts(state: State<'_, AppState>) -> Reply<LetterTexts> {
    let store = state.store()?;
    Ok(LetterTexts {
        current: store.current_letter_text()?,
        versions: store.letter_text_versions()?,
        fields: FIELDS.iter().map(|&(name, meaning)| Field { name, meaning }).collect(),
    })
}

/// Saves the wording as a new version (none when unchanged).
#[tauri::command]
pub fn save_letter_text(state: State<'_, AppState>, input: LetterTextInput) -> Reply<Done> {
    let mut store = state.store()?;
    let before = store.current_letter_text()?.number;
    let saved = store.save_letter_text(input)?;
    Ok(Done::new(if saved.number == before {
        "Le texte de la convocation n'a pas changé : aucune nouvelle version.".to_string()
    } else {
        format!(
            "Le texte de la convocation a été enregistré (version {}) : les prochaines convocations l'utiliseront.",
            saved.number
        )
    }))
}

/// The first page of a letter written with `input` (checked, not saved), to the first
/// person convoked to the next meeting.
#[tauri::command]
pub async fn preview_letter_text(state: State<'_, AppState>, input: LetterTextInput) -> Reply<Preview> {
    let text = input.check()?;
    let document = {
        let store = state.store()?;
        let Some(meeting) = store.sample_meeting()? else {
            return Err(ateliers::Error::Refused(
                "L'aperçu a besoin d'une réunion où des personnes sont convoquées : il n'y en a pas encore"
                    .into(),
            )
            .into());
        };
        convocation::sample_letter(&store, meeting, text)?
    };
    Ok(Preview {
        width: pdf::layout::PAGE_WIDTH,
        height: pdf::layout::PAGE_HEIGHT,
        page: pdf::render::first_page(&document),
    })
}
