/*
 * Independent check of an iCalendar file with libical: the parser, then the RFC 5546
 * restriction table (icalrestriction_check) for the calendar's METHOD.
 *
 * Built by scripts/checkers.sh into target/checkers/libical-check:
 *   gcc -O2 -o target/checkers/libical-check tests/checkers/libical_check.c \
 *       $(pkg-config --cflags --libs libical)
 * Usage: target/checkers/libical-check FILE
 *
 * Prints every X-LIC-ERROR that the parser or the restriction check left in the tree, one
 * per line on stderr, and exits 1 if there is any, if the restriction check fails or if the
 * file holds no VCALENDAR. Exits 0 silently otherwise.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int print_errors(icalcomponent *comp, const char *path)
{
    int count = 0;
    char here[512];
    snprintf(here, sizeof here, "%s%s%s", path, *path ? "/" : "",
             icalcomponent_kind_to_string(icalcomponent_isa(comp)));

    /* libical 3.0 repeats some restriction errors (one per table row): print each distinct
     * message once, with its count. */
    const char *last = NULL;
    const char *last_type = "";
    int repeats = 0;
    for (icalproperty *p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY);
         ; p = icalcomponent_get_next_property(comp, ICAL_XLICERROR_PROPERTY)) {
        const char *msg = p != NULL ? icalproperty_get_xlicerror(p) : NULL;
        if (msg == NULL && p != NULL) msg = "";
        if (last != NULL && (msg == NULL || strcmp(msg, last) != 0)) {
            if (repeats > 1)
                fprintf(stderr, "libical: %s: X-LIC-ERROR %s: %s (x%d)\n", here, last_type, last, repeats);
            else
                fprintf(stderr, "libical: %s: X-LIC-ERROR %s: %s\n", here, last_type, last);
            repeats = 0;
        }
        if (p == NULL) break;
        const char *type = "";
        icalparameter *param = icalproperty_get_first_parameter(p, ICAL_XLICERRORTYPE_PARAMETER);
        if (param != NULL) {
            type = icalparameter_enum_to_string(icalparameter_get_xlicerrortype(param));
            if (type == NULL) type = "";
        }
        last = msg;
        last_type = type;
        repeats++;
        count++;
    }
    for (icalcomponent *c = icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT);
         c != NULL; c = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT)) {
        count += print_errors(c, here);
    }
    return count;
}

static char *read_file(const char *name)
{
    FILE *f = fopen(name, "rb");
    if (f == NULL) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap + 1);
    size_t n;
    while (buf != NULL && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
    }
    fclose(f);
    if (buf != NULL) buf[len] = '\0';
    return buf;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage : libical-check FICHIER\n");
        return 2;
    }
    icalerror_set_errors_are_fatal(0);

    char *text = read_file(argv[1]);
    if (text == NULL) {
        fprintf(stderr, "libical: lecture impossible de %s\n", argv[1]);
        return 1;
    }
    icalcomponent *root = icalparser_parse_string(text);
    free(text);
    if (root == NULL) {
        fprintf(stderr, "libical: aucun composant iCalendar lisible\n");
        return 1;
    }

    /* One VCALENDAR, or several under an XROOT. */
    int calendars = 0, failed = 0;
    if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
        calendars = 1;
        if (!icalrestriction_check(root)) failed = 1;
    } else {
        for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
             c != NULL; c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
            calendars++;
            if (!icalrestriction_check(c)) failed = 1;
        }
    }

    int errors = print_errors(root, "");
    icalcomponent_free(root);

    if (calendars == 0) {
        fprintf(stderr, "libical: aucun VCALENDAR dans le fichier\n");
        return 1;
    }
    if (errors > 0 || failed) {
        fprintf(stderr, "libical: %d erreur(s), contrôle RFC 5546 %s\n", errors,
                failed ? "échoué" : "passé");
        return 1;
    }
    return 0;
}
