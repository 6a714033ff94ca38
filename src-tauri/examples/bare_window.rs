//! A bare Tauri window showing an empty page: the baseline that BENCHMARKS.md compares the
//! application with (start-up time and memory), built with the same configuration.

fn main() {
    let mut context = tauri::generate_context!();
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        .setup(|app| {
            let blank = "about:blank".parse().map_err(|e| format!("adresse invalide : {e}"))?;
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::External(blank))
                .title("Fenêtre nue")
                .build()?;
            Ok(())
        })
        .run(context);
    if let Err(error) = result {
        eprintln!("fenêtre nue : {error}");
    }
}
