package org.radarbeam.codec;

/** The file formats the providers publish; each has one decoder (see render.FrameDecoders). */
public enum InputFormat {
  /** ODIM_H5 (HDF5) Cartesian composites: DWD, SHMU, CHMI, IMGW, OPERA, ... */
  ODIM_H5("HDF5"),
  /** netCDF inside a ZIP: OMSZ. */
  NETCDF_ZIP("a ZIP"),
  /** SRD-3 text: ARSO. */
  SRD3("SRD-3 text");

  private final String expected;

  InputFormat(String expected) {
    this.expected = expected;
  }

  /** What a file of this format is, as failure messages name it ("an HTML page, not HDF5"). */
  public String expected() {
    return expected;
  }
}
