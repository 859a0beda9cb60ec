// Reads what <inlay-player id=ID> shows: the corner patches and the binary frame counter of the sample
// pattern (docs/samples.md), plus the element's state, in one go so that they belong together.
(id) => {
  const el = document.getElementById(id);
  const canvas = el.shadowRoot.querySelector('canvas');
  const W = canvas.width, H = canvas.height;
  const copy = document.createElement('canvas');
  copy.width = W; copy.height = H;
  const cx = copy.getContext('2d');
  cx.drawImage(canvas, 0, 0);
  const px = (x, y) => Array.from(cx.getImageData(Math.floor(x), Math.floor(y), 1, 1).data.slice(0, 3));
  let counter = 0;
  for (let k = 0; k < 10; k++) {
    const v = px(W * (6 + k) / 32 + W / 64, H * 13 / 16 + H / 32);
    if (v[0] + v[1] + v[2] > 384) counter |= 1 << k;
  }
  const err = el.error;
  return {
    width: W, height: H, counter, time: el.currentTime, duration: el.duration, paused: el.paused,
    ended: el.ended, readyState: el.readyState, videoWidth: el.videoWidth, videoHeight: el.videoHeight,
    topLeft: px(W / 16, H / 16), topRight: px(W - W / 16, H / 16),
    bottomLeft: px(W / 16, H - H / 16), bottomRight: px(W - W / 16, H - H / 16),
    error: err ? { code: err.code, message: err.message, recoverable: err.recoverable } : null,
    stats: el.stats,
  };
}
