import { listImages } from "@kfrender/kfdef";
import { type RenderDeps, type RenderIo, applyGolden, renderRequest, reportInputError, startRender } from "./render.js";

export const IMAGES_USAGE = `Usage: kfrender images PATH [options]

Prints every distinct image reference of what \`kfrender render PATH\` would print, sorted, one
per line: the list to mirror into an airgapped registry. The image fields are those kustomize's
images transformer rewrites (containers and initContainers of any resource but a CRD).
Options: as \`kfrender render\` (without -o).`;

function imagesOf(docs: readonly { text: string }[]): string {
  return listImages(docs)
    .map((r) => r + "\n")
    .join("");
}

export async function runImages(argv: string[], io: RenderIo, deps: RenderDeps = {}): Promise<number> {
  const started = startRender(argv, io, IMAGES_USAGE, { allowOutDir: false });
  if (typeof started === "number") return started;
  const { req, loaded } = started;
  let text: string;
  let status = 0;
  if (loaded.kind === "kustomization") {
    text = imagesOf([{ text: loaded.output }]);
  } else {
    let rendered;
    try {
      rendered = renderRequest(loaded.kfdef, req, io, deps);
    } catch (e) {
      return reportInputError(e, io);
    }
    if (rendered.failed.length > 0 && !req.keepGoing) return 1;
    status = rendered.failed.length > 0 ? 1 : 0;
    text = imagesOf(rendered.result.documents);
  }
  if (req.check !== undefined) return Math.max(applyGolden(text, req.check, req.update, io), status);
  io.stdout(text);
  return status;
}
