/* Waits until a region of the X screen shows something painted: at least MIN_COLOURS
 * distinct pixel values in the rectangle X Y W H of the root window, or, with MIN_COLOURS 0,
 * any change from what the region showed first; polled every 2 ms. Exits 0 then, 1 after
 * TIMEOUT_MS. scripts/bench-package.sh uses it to see a window appear (0) and the first
 * screen of the installed application (the dashboard's line counting the points to look at,
 * drawn only once the data is read), which accepts no WebDriver session.
 *
 * Usage: first-paint X Y W H MIN_COLOURS TIMEOUT_MS   (DISPLAY from the environment)
 * Build: gcc -O2 -o first-paint benches/first_paint.c -lX11 */

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* A digest of the image's pixels (FNV-1a). */
static unsigned long digest(XImage *image) {
  unsigned long hash = 1469598103934665603UL;
  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++) hash = (hash ^ XGetPixel(image, x, y)) * 1099511628211UL;
  return hash;
}

/* Distinct pixel values of the image, counted up to `enough`. */
static int colours(XImage *image, int enough) {
  unsigned long seen[256];
  int count = 0;
  for (int y = 0; y < image->height; y++) {
    for (int x = 0; x < image->width; x++) {
      unsigned long pixel = XGetPixel(image, x, y);
      int known = 0;
      for (int i = 0; i < count && !known; i++) known = seen[i] == pixel;
      if (!known) {
        seen[count++] = pixel;
        if (count >= enough || count == 256) return count;
      }
    }
  }
  return count;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage : first-paint X Y L H COULEURS DELAI_MS\n");
    return 2;
  }
  int x = atoi(argv[1]), y = atoi(argv[2]), w = atoi(argv[3]), h = atoi(argv[4]);
  int enough = atoi(argv[5]);
  long deadline = now_ms() + atol(argv[6]);
  Display *display = XOpenDisplay(NULL);
  if (!display) {
    fprintf(stderr, "first-paint : pas d'écran X (DISPLAY)\n");
    return 2;
  }
  Window root = DefaultRootWindow(display);
  int first = 1;
  unsigned long before = 0;
  while (now_ms() < deadline) {
    XImage *image = XGetImage(display, root, x, y, w, h, AllPlanes, ZPixmap);
    if (image) {
      int done;
      if (enough == 0) {
        unsigned long current = digest(image);
        done = !first && current != before;
        if (first) before = current;
        first = 0;
      } else {
        done = colours(image, enough) >= enough;
      }
      XDestroyImage(image);
      if (done) return 0;
    }
    struct timespec pause = {0, 2000000};
    nanosleep(&pause, NULL);
  }
  fprintf(stderr, "first-paint : rien de peint dans la zone après %s ms\n", argv[6]);
  return 1;
}
