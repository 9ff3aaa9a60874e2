// The one C header of shangliang: ncursesw with its wide-character API, and small wrappers
// for the macros Swift cannot import. Values always come from the headers, never hard-coded.
#ifndef SHANGLIANG_CNCURSESW_SHIM_H
#define SHANGLIANG_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// getmaxyx is a macro.
static inline int sl_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int sl_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline WINDOW *sl_stdscr(void) { return stdscr; }
static inline int sl_getcury(WINDOW *w) { return getcury(w); }
static inline int sl_getcurx(WINDOW *w) { return getcurx(w); }

// Attributes (A_*) are macros built with NCURSES_BITS.
static inline attr_t sl_a_normal(void) { return A_NORMAL; }
static inline attr_t sl_a_bold(void) { return A_BOLD; }
static inline attr_t sl_a_reverse(void) { return A_REVERSE; }
static inline attr_t sl_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sl_a_dim(void) { return A_DIM; }
static inline attr_t sl_a_standout(void) { return A_STANDOUT; }
static inline int sl_color_pair(int n) { return (int)COLOR_PAIR(n); }

// Function keys: KEY_F(n) is a macro.
static inline int sl_key_f(int n) { return KEY_F(n); }

// Line drawing characters (WACS_* point into a table filled at initscr time).
static inline const cchar_t *sl_wacs_hline(void) { return WACS_HLINE; }
static inline const cchar_t *sl_wacs_vline(void) { return WACS_VLINE; }
static inline const cchar_t *sl_wacs_ulcorner(void) { return WACS_ULCORNER; }
static inline const cchar_t *sl_wacs_urcorner(void) { return WACS_URCORNER; }
static inline const cchar_t *sl_wacs_llcorner(void) { return WACS_LLCORNER; }
static inline const cchar_t *sl_wacs_lrcorner(void) { return WACS_LRCORNER; }

// glibc declares wcwidth only under _XOPEN_SOURCE, which Swift's Glibc module does not set.
static inline int sl_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// Can this terminal move the cursor (terminfo "cup")? TERM=dumb cannot: a full-screen program
// would show only its last line.
static inline int sl_can_address_cursor(void) {
  char *cap = tigetstr("cup");
  return cap != NULL && cap != (char *)-1;
}

// Is the current LC_CTYPE codeset UTF-8?
static inline const char *sl_codeset(void) { return nl_langinfo(CODESET); }

// One cchar_t for a single character with attributes and a colour pair.
static inline int sl_mvadd_wch(int y, int x, unsigned int ch, attr_t attrs, short pair) {
  cchar_t cc;
  wchar_t wc[2];
  wc[0] = (wchar_t)ch;
  wc[1] = L'\0';
  setcchar(&cc, wc, attrs, pair, NULL);
  return mvadd_wch(y, x, &cc);
}

// wget_wch, returning the kind (OK, KEY_CODE_YES, ERR) and the value through a pointer.
static inline int sl_get_wch(unsigned int *out) {
  wint_t w = 0;
  int r = get_wch(&w);
  *out = (unsigned int)w;
  return r;
}

static inline WINDOW *sl_curscr(void) { return curscr; }

// Terminal capabilities that are globals (or functions in reentrant builds).
static inline int sl_colors(void) { return COLORS; }
static inline int sl_color_pairs(void) { return COLOR_PAIRS; }

// How many wide characters one cell can hold: a spacing character plus combining marks.
static inline int sl_ccharw_max(void) { return CCHARW_MAX; }

// One cell holding a spacing character followed by up to CCHARW_MAX - 1 combining marks.
static inline int sl_mvadd_wchars(int y, int x, const unsigned int *chars, int count, attr_t attrs,
                                  short pair) {
  cchar_t cc;
  wchar_t wc[CCHARW_MAX + 1];
  int n = count < CCHARW_MAX ? count : CCHARW_MAX;
  for (int i = 0; i < n; i++) wc[i] = (wchar_t)chars[i];
  wc[n] = L'\0';
  if (setcchar(&cc, wc, attrs, pair, NULL) == ERR) {
    wc[1] = L'\0';
    setcchar(&cc, wc, attrs, pair, NULL);
  }
  return mvadd_wch(y, x, &cc);
}

// Reads the characters stored in a cell of stdscr (base and marks), for tests of what was drawn.
static inline int sl_in_wch(int y, int x, unsigned int *out, int capacity, attr_t *attrs, short *pair) {
  cchar_t cc;
  wchar_t wc[CCHARW_MAX + 1];
  if (mvin_wch(y, x, &cc) == ERR) return -1;
  if (getcchar(&cc, wc, attrs, pair, NULL) == ERR) return -1;
  int n = 0;
  while (n < CCHARW_MAX && n < capacity && wc[n] != L'\0') {
    out[n] = (unsigned int)wc[n];
    n++;
  }
  return n;
}

// Starts curses on standard output and input (Swift 6 cannot touch the stdio globals).
static inline SCREEN *sl_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int sl_output_fd(void) { return fileno(stdout); }

// Curses on a terminal of the given type that reads and writes /dev/null: for tests of drawing
// (read back with sl_in_wch) and of a vanished input.
static inline SCREEN *sl_newterm_null(const char *type, int *output_fd) {
  FILE *out = fopen("/dev/null", "w");
  FILE *in = fopen("/dev/null", "r");
  if (out == NULL || in == NULL) return NULL;
  *output_fd = fileno(out);
  return newterm(type, out, in);
}

// Curses on a terminal of the given type that writes to the file at `path` (created or emptied)
// and reads /dev/null: for counting the bytes a frame costs on the wire.
static inline SCREEN *sl_newterm_file(const char *type, const char *path, int *output_fd) {
  FILE *out = fopen(path, "w");
  FILE *in = fopen("/dev/null", "r");
  if (out == NULL || in == NULL) return NULL;
  *output_fd = fileno(out);
  return newterm(type, out, in);
}

#endif
