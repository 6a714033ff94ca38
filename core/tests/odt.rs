//! A relevé written with paragraphs, bulleted lists, bold and italics: kept in the PDF (read
//! back by poppler), and exported as OpenDocument text that Python's `zipfile` and XML
//! parser read and that LibreOffice converts, its lists, emphasis and tables found in
//! LibreOffice's own HTML.

mod support;

use std::path::Path;
use std::process::Command;

use ateliers::model::releve::{ActionInput, ReleveInput};
use ateliers::pdf::{self, Format, Request};
use support::demo_store;

const SYNTHESIS: &str = "Le **stationnement vélo** reste *la* priorité des communes.\n\
Deuxième ligne du même paragraphe.\n\nTrois pistes :\n- la gare\n- le centre & ses commerces\n- la zone <Nord>";

/// Runs `program` with `args`; its standard output, or the test fails saying what to install.
fn run(program: &str, package: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("« {program} » est introuvable ({e}) : installez le paquet « {package} » (scripts/install-system-deps.sh --tests)")
    });
    assert!(
        output.status.success(),
        "« {program} {} » a échoué :\n{}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A held meeting of the demonstration with this relevé; its id.
fn releve_written(store: &mut ateliers::store::Store) -> i64 {
    let meeting = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.status.as_str() == "tenue" && store.releve(m.id).unwrap().is_none_or(|r| r.editable))
        .expect("a held demonstration meeting whose relevé can be written");
    let input = ReleveInput {
        objectives: "Choisir un scénario.".into(),
        synthesis: SYNTHESIS.into(),
        decisions: vec!["Retenir le **scénario B**".into(), "Consulter le Forum".into()],
        actions: vec![ActionInput { text: "Chiffrer le *phasage*".into(), ..ActionInput::default() }],
        ..ReleveInput::default()
    };
    store.save_releve(meeting.id, input).unwrap();
    meeting.id
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF back with poppler, Linux programs: run on Linux")]
fn a_relevé_s_lists_and_emphasis_are_kept_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let meeting = releve_written(&mut store);
    let document = Request::Releve { meeting_id: meeting }.document(&store).unwrap();
    let file = pdf::files::write_document(&document, &dir.path().join("releve.pdf")).unwrap();
    let file = file.to_str().unwrap();
    let text = run("pdftotext", "poppler-utils", &["-enc", "UTF-8", file, "-"]);
    assert!(!text.contains("**") && !text.contains("*la*"), "no mark printed: {text}");
    for expected in [
        "Le stationnement vélo reste la priorité",
        "Deuxième ligne du même paragraphe.",
        "la gare",
        "Retenir le scénario B",
    ] {
        assert!(text.contains(expected), "« {expected} » in {text}");
    }
    assert_eq!(text.matches('•').count(), 3, "three bulleted items: {text}");
    let fonts = run("pdffonts", "poppler-utils", &[file]);
    assert!(fonts.contains("Bold") && fonts.contains("Italic"), "bold and italic faces embedded: {fonts}");
    // The line break typed inside the paragraph is kept: two lines, in order.
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| l.contains("la priorité")).unwrap();
    assert!(lines[first + 1].starts_with("Deuxième ligne"), "{text}");
}

#[test]
#[cfg_attr(windows, ignore = "reads the .odt back with Python and LibreOffice, Linux programs: run on Linux")]
fn a_relevé_exported_as_odt_is_read_by_python_and_converted_by_libreoffice_with_its_lists_and_emphasis() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let meeting = releve_written(&mut store);
    let request = Request::Releve { meeting_id: meeting };
    let name = request.file_name(&store, Format::Odt).unwrap();
    assert!(name.ends_with(".odt"), "{name}");
    let document = request.document(&store).unwrap();
    let file = Format::Odt.write(&document, &dir.path().join("releve")).unwrap();
    assert_eq!(file.extension().unwrap(), "odt");

    // The package: the mimetype first and stored, every XML part well-formed.
    let script = "import sys, zipfile, xml.dom.minidom\n\
                  z = zipfile.ZipFile(sys.argv[1])\n\
                  first = z.infolist()[0]\n\
                  assert first.filename == 'mimetype' and first.compress_type == 0, first\n\
                  assert z.read('mimetype') == b'application/vnd.oasis.opendocument.text'\n\
                  for name in ['content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml']:\n\
                  \x20   xml.dom.minidom.parseString(z.read(name))\n\
                  print(sorted(z.namelist()))";
    let listed = run("python3", "python3", &["-c", script, file.to_str().unwrap()]);
    assert!(listed.contains("content.xml"), "{listed}");

    // LibreOffice opens it: its HTML export shows the headings, lists, emphasis and tables.
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profil-lo").display());
    let out = dir.path().join("lo");
    run(
        "soffice",
        "libreoffice-writer-nogui",
        &[
            &profile,
            "--headless",
            "--norestore",
            "--convert-to",
            "html",
            "--outdir",
            out.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(out.join(Path::new(file.file_stem().unwrap()).with_extension("html")))
        .expect("LibreOffice wrote the HTML");
    let squashed = html.split_whitespace().collect::<Vec<_>>().join(" ");
    for (what, pattern) in [
        ("the title as a heading", "<h1"),
        ("a bold run", "<b>stationnement vélo</b>"),
        ("an italic run", "<i>la</i>"),
        ("a bulleted list", "<ul>"),
        ("a numbered list of decisions", "<ol>"),
        ("a table", "<table"),
        ("the escaped ampersand", "centre &amp; ses commerces"),
        ("the escaped angle brackets", "zone &lt;Nord&gt;"),
        ("the italic action", "<i>phasage</i>"),
    ] {
        assert!(squashed.contains(pattern), "{what} (« {pattern} ») in LibreOffice's HTML:\n{squashed}");
    }
    assert!(!squashed.contains("**"), "no mark left");
}
