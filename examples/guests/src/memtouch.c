/* Touches 16 MiB of guest RAM (one store per 4 KiB page, then a read-back of every page) and prints a sum: the
 * host-memory check runs it in a VM with 1 GiB of RAM, of which only the touched pages may cost host memory. */
#include "board.h"

#define START 0x1000000UL /* 16 MiB, above the image, its stack and its .bss */
#define SIZE 0x1000000UL
#define PAGE 4096UL

int main(void) {
  for (unsigned long a = START; a < START + SIZE; a += PAGE) *(volatile uint64_t *)a = a ^ 0x5a5a5a5aUL;
  uint64_t sum = 0;
  for (unsigned long a = START; a < START + SIZE; a += PAGE) sum += *(volatile uint64_t *)a;
  puts("touched ");
  put_dec(SIZE >> 20);
  puts(" MiB, sum 0x");
  put_hex(sum, 16);
  puts("\n");
  return 0;
}
