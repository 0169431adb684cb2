// Small helpers for the staff console. No build step.
window.daihuo = {
  // Saves bytes the server produced (an import report) as a file.
  download: function (fileName, contentType, base64) {
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
  setTheme: function (mode) {
    document.cookie = 'daihuo.theme=' + mode + '; path=/; max-age=31536000; samesite=lax';
  }
};
