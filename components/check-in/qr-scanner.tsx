"use client";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";

/** The Shape Detection API's barcode reader (Chromium on Android, macOS, ChromeOS); not in TypeScript's DOM types yet. */
type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect(source: CanvasImageSource): Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = (new (options?: { formats?: string[] }) => BarcodeDetectorLike) & { getSupportedFormats?: () => Promise<string[]> };

function detectorClass(): BarcodeDetectorClass | null {
  if (typeof window === "undefined" || !navigator.mediaDevices?.getUserMedia) return null;
  return ((window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector ?? null);
}

/**
 * Scans a ticket's QR code with the device camera where the browser has BarcodeDetector and QR support; renders
 * nothing elsewhere (the ticket-code field is the fallback). Stops the camera after a read or when closed.
 */
export function QrScanner({ onScan }: { onScan: (value: string) => void }) {
  const [supported, setSupported] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    const formats = Detector.getSupportedFormats ? Detector.getSupportedFormats() : Promise.resolve(["qr_code"]);
    formats.then((f) => setSupported(f.includes("qr_code"))).catch(() => setSupported(false));
  }, []);

  useEffect(() => {
    if (!scanning) return;
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const detector = new Detector({ formats: ["qr_code"] });
    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        const [code] = video.current.readyState >= 2 ? await detector.detect(video.current) : [];
        if (code?.rawValue) {
          setScanning(false);
          onScanRef.current(code.rawValue);
          return;
        }
      } catch {
        // A frame that could not be read: try the next one.
      }
      timer = setTimeout(() => void tick(), 200);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch(() => {
        setProblem("The camera is not available. Allow camera access, or type the ticket code below.");
        setScanning(false);
      });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [scanning]);

  if (!supported) return null;
  return (
    <div className="grid gap-2" data-testid="qr-scanner">
      {scanning ? (
        <>
          <video ref={video} muted playsInline aria-label="Camera preview for scanning a ticket's QR code" className="aspect-square w-full max-w-sm rounded-xl bg-slate-900 object-cover" />
          <button type="button" className={buttonClass("secondary", "py-3")} onClick={() => setScanning(false)}>
            Stop camera
          </button>
        </>
      ) : (
        <button
          type="button"
          className={buttonClass("primary", "py-3 text-base")}
          onClick={() => {
            setProblem(null);
            setScanning(true);
          }}
        >
          Scan QR code
        </button>
      )}
      {problem && <p className="text-sm text-red-700">{problem}</p>}
    </div>
  );
}
