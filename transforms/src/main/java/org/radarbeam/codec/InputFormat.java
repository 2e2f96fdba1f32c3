package org.radarbeam.codec;

/** The file formats the providers publish. */
public enum InputFormat {
  /** ODIM_H5 (HDF5) Cartesian composites: DWD, SHMU, CHMI, IMGW, OPERA, ... */
  ODIM_H5,
  /** netCDF inside a ZIP: OMSZ. */
  NETCDF_ZIP,
  /** SRD-3 text: ARSO. */
  SRD3
}
