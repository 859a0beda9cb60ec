/*
 * Checks the scalar edge emulation (inlay_swar_video.c) in 32-bit words, as the asm.js builds compile it
 * (INLAY_SWAR32), against its definition (edge_emu_check.h). Prints the number of cases and mismatches;
 * exits non-zero on any mismatch.
 */
#define INLAY_SWAR32
#include "../../main/c-swar/inlay_swar_video.c"

#include "edge_emu_check.h"

int main(void)
{
    return check_edge_emu("edge emulation, 32-bit words", emulated_edge_mc) != 0;
}
