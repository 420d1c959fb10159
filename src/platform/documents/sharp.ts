import type Sharp from 'sharp';

let sharp: Promise<typeof Sharp> | undefined;

/**
 * sharp (libvips), loaded when the first image is read or drawn (a photo uploaded, a chart
 * rendered): about 20 MiB of the server's memory, which a server that handles no image does not carry.
 */
export function loadSharp(): Promise<typeof Sharp> {
  return (sharp ??= import('sharp').then((module) => module.default));
}
