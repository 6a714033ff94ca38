-- Version 5: the file says it is an Ateliers base. SQLite keeps this number in the file's
-- header (offset 68); `file` and other tools show it, and Ateliers refuses to open or
-- restore any SQLite file without it (or, for a base of an earlier release, without its
-- tables). 0x41544C52 is « ATLR » in ASCII.
PRAGMA application_id = 1096043602;
