/*
 * Checks the Wasm SIMD edge emulation (inlay_simd_video.c) against its definition (edge_emu_check.h).
 * Prints the number of cases and mismatches; exits non-zero on any mismatch.
 */
#include "../../main/c-simd/inlay_simd_video.c"

#include "edge_emu_check.h"

int main(void)
{
    return check_edge_emu("edge emulation", emulated_edge_mc) != 0;
}
