/* Compute benchmark: a state machine that scans generated text for integers, decimals, exponent
 * numbers and words, counting transitions and the final states, folded into a checksum. */
#include "bench.h"

#define LEN 4096
#define ROUNDS (280 * SCALE)

enum state { START, SIGN, INT, DOT, FRAC, EXP, EXP_SIGN, EXP_INT, WORD, BAD, NSTATES };

static char text[LEN + 1];

static enum state step(enum state s, char c) {
  int digit = c >= '0' && c <= '9';
  int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c == ',' || c == ' ' || c == '\n') return START;
  switch (s) {
    case START:
      return digit ? INT : (c == '+' || c == '-') ? SIGN : c == '.' ? DOT : alpha ? WORD : BAD;
    case SIGN:
      return digit ? INT : c == '.' ? DOT : BAD;
    case INT:
      return digit ? INT : c == '.' ? FRAC : (c == 'e' || c == 'E') ? EXP : BAD;
    case DOT:
      return digit ? FRAC : BAD;
    case FRAC:
      return digit ? FRAC : (c == 'e' || c == 'E') ? EXP : BAD;
    case EXP:
      return digit ? EXP_INT : (c == '+' || c == '-') ? EXP_SIGN : BAD;
    case EXP_SIGN:
      return digit ? EXP_INT : BAD;
    case EXP_INT:
      return digit ? EXP_INT : BAD;
    case WORD:
      return alpha || digit ? WORD : BAD;
    default:
      return BAD;
  }
}

static void generate(void) {
  static const char pieces[] = "0123456789+-.eE,  abcXYZ\n";
  for (int i = 0; i < LEN; i++) text[i] = pieces[bench_rng() % (sizeof pieces - 1)];
  text[LEN] = 0;
}

static uint32_t kernel(void) {
  uint32_t check = 0;
  for (int round = 0; round < ROUNDS; round++) {
    if ((round & 7) == 0) generate();
    else
      for (int k = 0; k < 64; k++) text[bench_rng() % LEN] = "7.e-,x 3"[bench_rng() & 7];
    uint32_t finals[NSTATES] = {0}, moves[NSTATES] = {0};
    enum state s = START;
    for (const char *p = text; *p; p++) {
      enum state n = step(s, *p);
      if (n != s) moves[s]++;
      if (n == START && s != START) finals[s]++;
      s = n;
    }
    for (int i = 0; i < NSTATES; i++) check = check * 1000003u + finals[i] * 3u + moves[i];
  }
  return check;
}

int main(void) {
  bench_report("state", ROUNDS, bench_repeat(kernel));
  return 0;
}
