// The one list of the commands the window may call. `build.rs` turns it into permissions
// and the main window's capability; `lib.rs` registers exactly these handlers; the tests
// check both against it. Adding a command means adding its name here, nothing else.

/// Calls macro `$m` with every command name.
macro_rules! for_each_command {
    ($m:ident) => {
        $m! {
            app_info,
            load_demo,
            start_empty,
            vocabulary,
            list_ateliers,
            get_atelier,
            create_atelier,
            update_atelier,
            list_communes,
            list_organisations,
            get_settings,
            save_settings,
            set_logo,
            remove_logo,
            get_logo,
            search_people,
            get_person,
            create_person,
            update_person,
            set_person_archived,
            export_person,
            erase_person,
            atelier_members,
            add_membership,
            add_new_member,
            update_membership,
            delete_membership,
            set_binome,
            get_composition,
            signing_meetings,
            charter_versions,
            create_charter_version,
            set_current_charter,
            record_signature,
            unsigned_members,
            preview_import,
            import_members,
            export_people_csv,
            export_members_csv,
        }
    };
}
