#include "board.h"

int main(void) {
  puts("Hello from a LoongArch64 guest on the virt board!\n");
  puts("This line came through the NS16550A UART at 0x1fe001e0.\n");
  return 0;
}
