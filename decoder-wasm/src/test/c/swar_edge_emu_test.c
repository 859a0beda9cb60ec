/*
 * Checks the scalar edge emulation of the builds without SIMD (inlay_swar_video.c) against its definition
 * (edge_emu_check.h), in 64-bit words as the plain Wasm builds compile it. Prints the number of cases and
 * mismatches; exits non-zero on any mismatch.
 */
#include "../../main/c-swar/inlay_swar_video.c"

#include "edge_emu_check.h"

int main(void)
{
    return check_edge_emu("edge emulation, 64-bit words", emulated_edge_mc) != 0;
}
