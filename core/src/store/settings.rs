//! The settings row.

use rusqlite::{params, Connection};
use serde_json::Value;

use super::caldav::{read_caldav, write_caldav, CALDAV_KEYS};
use super::Store;
use crate::error::{Error, Result};
use crate::model::settings::{Settings, SettingsData, SettingsInput, SETTINGS_KEYS};

impl Store {
    /// The organisation's settings.
    pub fn settings(&self) -> Result<Settings> {
        read_settings(&self.conn)
    }

    /// Every setting that `ateliers settings set` changes, by name, in the order of [`SETTINGS_KEYS`]
    /// then the shared calendar's; numbers as numbers.
    pub fn settings_by_name(&self) -> Result<Vec<(&'static str, Value)>> {
        let data = serde_json::to_value(self.settings()?.data).map_err(|e| Error::Refused(e.to_string()))?;
        let caldav = self.caldav_settings()?;
        let mut named: Vec<(&'static str, Value)> =
            SETTINGS_KEYS.iter().map(|key| (*key, data.get(key).cloned().unwrap_or(Value::Null))).collect();
        named.extend(CALDAV_KEYS.into_iter().zip([Value::from(caldav.url), Value::from(caldav.user)]));
        Ok(named)
    }

    /// Sets the setting named `key` to `value`, checked as the settings form checks that
    /// field (the same French message), the others left as they are: read and written in one
    /// transaction. A name that is not a setting is refused with the list of names.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            if let Some(data) = read_settings(tx)?.data.with(key, value) {
                return write_settings(tx, &data?);
            }
            match read_caldav(tx)?.with(key, value) {
                Some(caldav) => write_caldav(tx, &caldav?),
                None => Err(Error::Refused(format!(
                    "« {key} » n'est pas un paramètre ; les paramètres sont : {}",
                    SETTINGS_KEYS.iter().chain(&CALDAV_KEYS).copied().collect::<Vec<_>>().join(", ")
                ))),
            }
        })
    }

    /// Checks and saves the settings form.
    pub fn save_settings(&mut self, input: SettingsInput) -> Result<Settings> {
        let data = input.check()?;
        self.write(|tx| write_settings(tx, &data))?;
        self.settings()
    }

    /// Records that the first-start choice was made (start with an empty base).
    pub fn finish_first_start(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE settings SET first_start_done = 1 WHERE id = 1", [])?;
            Ok(())
        })
    }
}

/// The settings row, read through `conn` (the store's connection or a transaction).
fn read_settings(conn: &Connection) -> Result<Settings> {
    Ok(conn.query_row(
        "SELECT org_name, org_short_name, address, default_place, organizer_email, time_zone,
                attendance_threshold_pct, consecutive_absences_max,
                logo_attachment_id IS NOT NULL, first_start_done, convocation_notice_days,
                signatory_name, signatory_function, signature_attachment_id IS NOT NULL
         FROM settings WHERE id = 1",
        [],
        |row| {
            Ok(Settings {
                data: SettingsData {
                    org_name: row.get(0)?,
                    org_short_name: row.get(1)?,
                    address: row.get(2)?,
                    default_place: row.get(3)?,
                    organizer_email: row.get(4)?,
                    time_zone: row.get(5)?,
                    attendance_threshold_pct: row.get(6)?,
                    consecutive_absences_max: row.get(7)?,
                    convocation_notice_days: row.get(10)?,
                    signatory_name: row.get(11)?,
                    signatory_function: row.get(12)?,
                },
                has_logo: row.get(8)?,
                has_signature: row.get(13)?,
                first_start_done: row.get(9)?,
            })
        },
    )?)
}

pub(super) fn write_settings(tx: &rusqlite::Transaction<'_>, data: &SettingsData) -> Result<()> {
    tx.execute(
        "UPDATE settings SET org_name = ?1, org_short_name = ?2, address = ?3,
                default_place = ?4, organizer_email = ?5, time_zone = ?6,
                attendance_threshold_pct = ?7, consecutive_absences_max = ?8,
                convocation_notice_days = ?9, signatory_name = ?10, signatory_function = ?11
         WHERE id = 1",
        params![
            data.org_name,
            data.org_short_name,
            data.address,
            data.default_place,
            data.organizer_email,
            data.time_zone,
            data.attendance_threshold_pct,
            data.consecutive_absences_max,
            data.convocation_notice_days,
            data.signatory_name,
            data.signatory_function
        ],
    )?;
    Ok(())
}
