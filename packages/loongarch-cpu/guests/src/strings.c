/* String work: formatting and parsing numbers, reversing, searching, run-length encoding, word counts
   and a Caesar cipher over generated text. */
#include "rt.h"

static char text[32768];
static char buf[65536];

static int itoa_(i64 v, char *out) {
  char tmp[24];
  int n = 0, k = 0;
  u64 u = v < 0 ? -(u64)v : (u64)v;
  do {
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) out[k++] = '-';
  while (n) out[k++] = tmp[--n];
  out[k] = 0;
  return k;
}
static i64 atoi_(const char *s) {
  int neg = *s == '-';
  if (neg) s++;
  i64 v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  return neg ? -v : v;
}
static void reverse(char *s, size_t n) {
  for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
    char t = s[i];
    s[i] = s[j];
    s[j] = t;
  }
}
static const char *find(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; *hay; hay++)
    if (memcmp(hay, needle, n) == 0) return hay;
  return 0;
}
static size_t rle(const char *s, char *out) {
  size_t k = 0;
  while (*s) {
    char c = *s;
    int run = 0;
    while (*s == c && run < 9) s++, run++;
    out[k++] = (char)('0' + run);
    out[k++] = c;
  }
  out[k] = 0;
  return k;
}

static const char *words[] = {"loong", "arch", "vcpu", "axvisor", "guest", "page", "table", "emulator", "tlb", "csr"};

int main(int argc, char **argv, char **envp) {
  (void)argc, (void)argv, (void)envp;
  u64 x = 7;
  size_t len = 0;
  while (len < sizeof text - 16) {
    x = x * 2862933555777941757UL + 3037000493UL;
    const char *w = words[(x >> 33) % 10];
    size_t n = strlen(w);
    memcpy(text + len, w, n);
    len += n;
    text[len++] = (x >> 20) % 7 == 0 ? '\n' : ' ';
  }
  text[len] = 0;
  size_t wc = 0, lines = 0, counts[10] = {0};
  for (const char *p = text; *p; p++) {
    if (*p == '\n') lines++;
    if ((p == text || p[-1] == ' ' || p[-1] == '\n') && *p != ' ' && *p != '\n') wc++;
  }
  for (int i = 0; i < 10; i++)
    for (const char *p = text; (p = find(p, words[i])); p++) counts[i]++;
  puts_("len ");
  put_u64(len);
  puts_(" words ");
  put_u64(wc);
  puts_(" lines ");
  put_u64(lines);
  put_nl();
  for (int i = 0; i < 10; i++) {
    puts_(words[i]);
    put_char('=');
    put_u64(counts[i]);
    put_char(i == 9 ? '\n' : ' ');
  }
  i64 sum = 0;
  for (i64 v = -100000; v <= 100000; v += 77) {
    int n = itoa_(v * 1234567, buf);
    reverse(buf, (size_t)n);
    reverse(buf, (size_t)n);
    sum += atoi_(buf) / 1000 + n;
  }
  puts_("itoa/atoi ");
  put_i64(sum);
  put_nl();
  size_t r = rle("aaabccddddddddddddeeeeef", buf);
  puts_("rle ");
  puts_(buf);
  put_char(' ');
  put_u64(r);
  put_nl();
  for (size_t i = 0; i < len; i++) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') text[i] = (char)('a' + (c - 'a' + 13) % 26);
  }
  u64 h = 0;
  for (size_t i = 0; i < len; i++) h = h * 131 + (u8)text[i];
  puts_("rot13 ");
  put_hex(h, 16);
  puts_(" head ");
  for (int i = 0; i < 24; i++) put_char(text[i] == '\n' ? '/' : text[i]);
  put_nl();
  return 0;
}
