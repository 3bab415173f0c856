#include "board.h"

/* echo: reads the console with a polled UART and echoes every byte back uppercased (so an echo is
   visibly the guest's, not a terminal's local echo). Enter ends a line; the line "exit" or Ctrl-D powers off. */

static int uart_getc(void) {
  while (!(mmio_read8(UART_BASE + 5) & 0x01)) {
  }
  return mmio_read8(UART_BASE);
}

static char upper(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c; }

int main(void) {
  char line[64];
  int n = 0;
  puts("echo: type a line, the guest echoes it uppercased; \"exit\" or Ctrl-D powers off.\n> ");
  for (;;) {
    char c = (char)uart_getc();
    if (c == 0x04) break;
    if (c == '\r' || c == '\n') {
      puts("\n");
      if (n == 4 && line[0] == 'e' && line[1] == 'x' && line[2] == 'i' && line[3] == 't') break;
      n = 0;
      puts("> ");
      continue;
    }
    if (c == 0x7f || c == 0x08) {
      if (n > 0) {
        n--;
        puts("\b \b");
      }
      continue;
    }
    if (n < (int)sizeof line) line[n++] = c;
    putc(upper(c));
  }
  puts("bye\n");
  return 0;
}
