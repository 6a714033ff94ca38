//! What only Windows does, run as a Windows program (under Wine on these machines, through
//! `scripts/test-windows.sh`): the data folder under `%APPDATA%` and the CalDAV password kept
//! in the Windows credential store (the `keyring` crate's Windows backend). The other
//! Windows rules (reserved file names, a file held open) are tested beside their code.
#![cfg(windows)]

use std::path::PathBuf;

use ateliers::{caldav, paths};

#[test]
fn the_data_folder_is_in_the_roaming_application_data() {
    let app_data = PathBuf::from(std::env::var_os("APPDATA").expect("Windows sets %APPDATA%"));
    let folder = paths::data_folder().unwrap();
    assert_eq!(folder, app_data.join("fr.ateliers.desktop"));
    assert!(folder.to_string_lossy().contains('\\'), "{}", folder.display());
    std::env::remove_var(paths::DATABASE_ENV);
    assert_eq!(paths::default_database().unwrap(), folder.join("ateliers.sqlite3"));
}

#[test]
fn the_calendar_password_is_kept_in_the_windows_credential_store() {
    std::env::remove_var(caldav::PASSWORD_VARIABLE);
    let url = "https://nuage.exemple.fr/dav/calendriers/ateliers/";
    let user = format!("secrétariat-{}", std::process::id());
    let error = caldav::password(url, &user).unwrap_err();
    assert_eq!(error.code(), "credentials");
    assert!(error.to_string().contains("Aucun mot de passe"), "{error}");

    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    let secret = format!("Été « 2026 » — {}", stamp.as_nanos());
    caldav::save_password(url, &user, &secret).unwrap();
    assert_eq!(caldav::password(url, &user).unwrap(), secret);
    // Another folder of the same server shares the password: it is kept per server.
    assert_eq!(caldav::password("https://nuage.exemple.fr/autre/", &user).unwrap(), secret);
    caldav::save_password(url, &user, "nouveau").unwrap();
    assert_eq!(caldav::password(url, &user).unwrap(), "nouveau");
}
