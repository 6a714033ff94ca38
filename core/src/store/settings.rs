//! The settings row.

use rusqlite::params;

use super::Store;
use crate::error::Result;
use crate::model::settings::{Settings, SettingsData, SettingsInput};

impl Store {
    /// The organisation's settings.
    pub fn settings(&self) -> Result<Settings> {
        Ok(self.conn.query_row(
            "SELECT org_name, org_short_name, address, default_place, organizer_email, time_zone,
                    attendance_threshold_pct, consecutive_absences_max,
                    logo_attachment_id IS NOT NULL, first_start_done, convocation_notice_days
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
                    },
                    has_logo: row.get(8)?,
                    first_start_done: row.get(9)?,
                })
            },
        )?)
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

pub(super) fn write_settings(tx: &rusqlite::Transaction<'_>, data: &SettingsData) -> Result<()> {
    tx.execute(
        "UPDATE settings SET org_name = ?1, org_short_name = ?2, address = ?3,
                default_place = ?4, organizer_email = ?5, time_zone = ?6,
                attendance_threshold_pct = ?7, consecutive_absences_max = ?8,
                convocation_notice_days = ?9
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
            data.convocation_notice_days
        ],
    )?;
    Ok(())
}
