/* Tiny freestanding runtime for linux-user guests: raw syscalls and printing. */
#ifndef RT_H
#define RT_H
typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;
typedef int i32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef unsigned long size_t;

long rt_syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5);
void rt_exit(int code) __attribute__((noreturn));
long rt_write(int fd, const void *buf, size_t len);
void puts_(const char *s);
void put_hex(u64 v, int digits);
void put_u64(u64 v);
void put_i64(i64 v);
void put_char(char c);
void put_nl(void);
void flush(void);
size_t strlen(const char *s);
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int main(int argc, char **argv, char **envp);
#endif
