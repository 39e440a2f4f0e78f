/**
 * Chongqing in one line: layered mountains, the high-rises of the Yuzhong peninsula,
 * and the Jialing (green) meeting the Yangtze (ochre) below it. Decorative only.
 */
export function Skyline({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 1200 200" preserveAspectRatio="xMidYMax slice" aria-hidden="true" focusable="false">
      <path
        className="skyline__far"
        d="M0 118 L70 96 L130 108 L215 70 L300 102 L390 64 L470 92 L545 78 L640 46 L735 88 L820 66 L905 96 L1000 60 L1090 92 L1200 76 V200 H0 Z"
      />
      <g className="skyline__city">
        <rect x="452" y="112" width="14" height="44" />
        <rect x="470" y="96" width="16" height="60" />
        <rect x="490" y="82" width="12" height="74" />
        <path d="M506 156 V90 L514 78 L522 90 V156 Z" />
        <rect x="528" y="100" width="18" height="56" />
        <rect x="550" y="70" width="14" height="86" />
        <rect x="568" y="92" width="16" height="64" />
        <rect x="588" y="58" width="12" height="98" />
        <path d="M604 156 V52 L611 36 L618 52 V156 Z" />
        <rect x="622" y="86" width="16" height="70" />
        {/* Four towers joined high up by a long horizontal skybridge, as at Chaotianmen. */}
        <rect x="648" y="54" width="11" height="102" />
        <rect x="665" y="48" width="11" height="108" />
        <rect x="682" y="48" width="11" height="108" />
        <rect x="699" y="54" width="11" height="102" />
        <rect x="642" y="44" width="74" height="7" rx="3" />
        <rect x="716" y="96" width="16" height="60" />
        <rect x="736" y="110" width="14" height="46" />
      </g>
      <path
        className="skyline__near"
        d="M0 150 C120 128 230 146 340 134 C420 126 470 140 520 146 C600 154 700 150 790 138 C900 124 1010 150 1200 132 V200 H0 Z"
      />
      <path className="skyline__jialing" d="M180 200 C260 186 400 176 560 178" />
      <path className="skyline__yangtze" d="M0 176 C160 184 360 188 560 178" />
      <path className="skyline__merged" d="M560 178 C720 170 900 188 1200 174" />
    </svg>
  );
}

export function BrandMark({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path d="M6 42 L20 24 L28 33 L38 17 L58 42 Z" fill="currentColor" />
      <path d="M6 51 C18 45 26 55 36 49 S52 45 58 49" fill="none" stroke="#f0c27a" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
