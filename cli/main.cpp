// The `duly` program: a thin client of the library. Commands live in their own files.
#include <cstdio>

int main() {
  std::puts("duly " DULY_VERSION);
  return 0;
}
